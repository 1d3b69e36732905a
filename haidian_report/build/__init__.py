"""The build: source text + hand-written curation → every CSV and datapackage.json.

Run ``python -m haidian_report.build`` from a checkout; see ``curation/README.md``.
"""
