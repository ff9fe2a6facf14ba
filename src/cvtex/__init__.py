"""cvtex: compile one YAML résumé into a typeset PDF.

The package is a pipeline of small modules, one per stage:
``loader`` → ``validate`` → ``context`` → ``render`` → ``engine`` → ``build``.
Only :mod:`cvtex.backends.latex.engine` starts processes; only :mod:`cvtex.build` writes into the
user's directory.
"""

__version__ = "0.1.0"
