"""ppio-endpoint: build, validate, save and submit PPIO serverless GPU endpoint configurations."""

__version__ = "0.1.0"
