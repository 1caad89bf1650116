"""Event facts from article text: event date, institution, officials, pledge points, figures."""
