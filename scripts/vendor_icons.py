"""Rebuilds static/vendor/bootstrap-icons-<version>/icons.svg: the project's icons as one SVG sprite.

The icons are Bootstrap Icons (MIT, https://icons.getbootstrap.com), taken from the npm package
`bootstrap-icons`. Only the icons named in ICONS are copied, as <symbol>s, so the sprite stays a few
kilobytes (the package's full sprite is 1.1 MB). Templates draw one with `{% icon "name" %}`
(core/templatetags/ui.py), which refuses a name that is not in the sprite.

    npm pack bootstrap-icons@1.13.2 && tar xzf bootstrap-icons-1.13.2.tgz
    python scripts/vendor_icons.py package/
"""

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ICONS = (
    "award",
    "bank",
    "bar-chart-line",
    "bell",
    "briefcase",
    "building",
    "calendar-check",
    "calendar-event",
    "calendar-week",
    "cash-coin",
    "chat-left-text",
    "check2-circle",
    "chevron-right",
    "clipboard-check",
    "clock",
    "exclamation-triangle",
    "file-earmark-text",
    "flag",
    "geo-alt",
    "globe2",
    "graph-up-arrow",
    "hourglass-split",
    "inbox",
    "journal-text",
    "megaphone",
    "people",
    "person-badge",
    "person-check",
    "shield-check",
    "star",
)


def main(package: Path) -> None:
    version = json.loads((package / "package.json").read_text())["version"]
    target = ROOT / "static" / "vendor" / f"bootstrap-icons-{version}"
    target.mkdir(parents=True, exist_ok=True)
    symbols = []
    for name in ICONS:
        svg = (package / "icons" / f"{name}.svg").read_text()
        body = re.search(r"<svg[^>]*>(.*)</svg>", svg, re.S).group(1).strip()
        symbols.append(f'<symbol id="{name}" viewBox="0 0 16 16">{body}</symbol>')
    sprite = '<svg xmlns="http://www.w3.org/2000/svg">' + "".join(symbols) + "</svg>\n"
    (target / "icons.svg").write_text(sprite)
    shutil.copy(package / "LICENSE", target / "LICENSE")
    print(f"{target / 'icons.svg'}: {len(ICONS)} icons, {len(sprite)} bytes")  # noqa: T201 a script run by hand


if __name__ == "__main__":
    main(Path(sys.argv[1]))
