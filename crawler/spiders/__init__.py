"""Scrapy spiders, one module per site; `scrapy list` shows them."""
