"""The PDF backend: Jinja LaTeX templates, the TeX engine run in its sandbox, its log."""
