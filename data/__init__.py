"""Reference data the product ships (described in README.md); installed as the package `sumbar_data`."""
