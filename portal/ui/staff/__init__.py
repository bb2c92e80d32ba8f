"""The staff pages, one module each, each with its ``main()``: ``screens/<name>.py`` calls it."""
