"""kabar's crawl layer: the Scrapy project (settings, spiders, middlewares) and the `kabar` command line."""
