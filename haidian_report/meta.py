"""Facts about the package that are not table schema: names, versions, licence, source."""

from __future__ import annotations

from typing import Final

#: Version of the *data* (the tables), semver, independent of the code version.
DATA_VERSION: Final = "2.3.1"
PACKAGE_NAME: Final = "haidian-2021-government-work-report"
SOURCE_FILE: Final = "haidian-2021-government-work-report.txt"
#: Name of the resource holding the source text. Readers find it by this name: Data Package
#: 2.0 allows only "table" as a resource `type`, so the text resource declares no type (its
#: `mediatype` is text/plain).
SOURCE_RESOURCE: Final = "source"
#: sha256 of the shipped source text; the build and the validator refuse any other bytes.
SOURCE_SHA256: Final = "6197642ee684f71c5b24232766da1cfa8a19159ba1861c4c1b620a6b6ba87ccf"
SOURCE_BYTES: Final = 45146
DATA_DIR: Final = "data"
DESCRIPTOR: Final = "datapackage.json"

#: A period: one year ("2021") or an inclusive range of years ("2017-2021").
PERIOD_PATTERN: Final = r"^(19|20)[0-9]{2}(-(19|20)[0-9]{2})?$"
#: Row ids: readable slugs with dots, dashes and @ (gdp.level.2016, four_centres@1234).
ID_PATTERN: Final = r"^[a-z0-9][a-z0-9_.@\-]*$"
#: Catalogue ids: snake_case slugs (gdp, four_centres).
SLUG_PATTERN: Final = r"^[a-z0-9][a-z0-9_]*$"
