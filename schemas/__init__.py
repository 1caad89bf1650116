"""The Arrow schema of kabar's tables and its version."""
