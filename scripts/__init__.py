"""Process entry points and ops tools, run as modules from the project root: `python -m scripts.bench`."""
