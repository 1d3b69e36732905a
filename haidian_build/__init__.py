"""The build: source text + hand-written curation → every CSV, datapackage.json and docs page.

It lives beside ``curation/`` and ``data/`` at the top of a checkout and is not part of the
installed ``haidian_report`` package (a wheel has no curation to build from). Run it from a
checkout::

    python -m haidian_build            # rebuild everything
    python -m haidian_build --check    # only report curation problems and completeness gaps

See ``curation/README.md`` for what the curation files hold.
"""
