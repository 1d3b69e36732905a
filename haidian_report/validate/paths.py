"""Where the package is, and which resource paths may be opened.

The descriptor is untrusted: a resource path that is a URL, absolute, climbs out of the package
folder (``..`` or a symlink pointing out), is not valid Unicode or holds a NUL is refused before
anything opens it, so the validator never reads outside the package and makes no network
request.

>>> unsafe_path("https://example.org/t.csv", Path("."), Path(".").resolve())[:53]
"path 'https://example.org/t.csv' is a URL (https:); r"
>>> unsafe_path("data/t.csv", Path("."), Path(".").resolve()) is None
True
"""

from __future__ import annotations

import re
from pathlib import Path, PureWindowsPath

from haidian_report.meta import DESCRIPTOR
from haidian_report.validate.text import short_path

_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:")
_DRIVE = re.compile(r"^[A-Za-z]:")


def locate(path: str | Path | None) -> tuple[Path | None, str]:
    """The descriptor file named by ``path`` (a file or its folder), or None and why not.

    None for ``path`` means the package shipped with the code.
    """
    if path is None:
        from haidian_report.paths import descriptor_path

        try:
            return descriptor_path(), ""
        except FileNotFoundError as exc:
            return None, str(exc)
    try:
        given = Path(path)
        candidate = given / DESCRIPTOR if given.is_dir() else given
        exists, is_file = candidate.exists(), candidate.is_file()
    except (OSError, ValueError) as exc:  # a NUL, a lone surrogate, a name too long
        return None, f"cannot use {short_path(str(path))} as a path: {exc}"
    if not exists:
        where = (
            f"{short_path(str(given))} has no {DESCRIPTOR}"
            if candidate != given
            else f"{short_path(str(given))} does not exist"
        )
        return None, f"{where}: expected a {DESCRIPTOR} or the folder holding it"
    if not is_file:
        return None, f"{short_path(str(candidate))} is not a regular file"
    return candidate, ""


def unsafe_path(value: object, root: Path, root_real: Path) -> str | None:
    """Why a resource ``path`` is refused, or None when it is a safe relative file path."""
    if isinstance(value, list):
        urls = [v for v in value if isinstance(v, str) and _URL_SCHEME.match(v)]
        extra = f", including the URL {short_path(urls[0])!r}" if urls else ""
        return (
            f"path is a list (a multipart resource){extra}; only a single relative file path "
            "inside the package folder is accepted"
        )
    if not isinstance(value, str) or not value.strip():
        return f"path must be a non-empty string, found {short_path(repr(value))}"
    shown = repr(short_path(value))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return f"path {shown} is not valid Unicode (it holds a lone surrogate)"
    if "\x00" in value:
        return f"path {shown} contains a NUL character"
    if _DRIVE.match(value) or value.startswith(("/", "\\")) or PureWindowsPath(value).is_absolute():
        return f"path {shown} is absolute; only paths relative to the package folder are accepted"
    if _URL_SCHEME.match(value):
        scheme = value.split(":", 1)[0].lower()
        return (
            f"path {shown} is a URL ({short_path(scheme, 20)}:); remote resources are refused "
            "and the validator makes no network request"
        )
    if ".." in re.split(r"[\\/]", value):
        return f"path {shown} climbs out of the package folder ('..')"
    if "\\" in value:
        return f"path {shown} uses backslashes; use '/' as the separator"
    try:
        real = (root / value).resolve()
    except (OSError, RuntimeError, ValueError) as exc:
        return f"path {shown} cannot be resolved: {exc}"
    if not real.is_relative_to(root_real):
        return (
            f"path {shown} resolves to {short_path(str(real))}, outside the package folder "
            f"{short_path(str(root_real))} (a symlink pointing out)"
        )
    return None
