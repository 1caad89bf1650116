"""Scrapy item pipelines in stages: extract, validate, deduplicate, store."""
