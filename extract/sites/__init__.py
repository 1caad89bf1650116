"""Per-site extractor modules and the registry mapping hosts to them."""
