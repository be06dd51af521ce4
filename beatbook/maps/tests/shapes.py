"""Small boundary files for the test force Northshire (see conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

SQUARE = [[-1.0, 54.0], [-1.0, 54.1], [-0.9, 54.1], [-0.9, 54.0], [-1.0, 54.0]]


def _collection(code: str, name: str) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": code, "name": name},
                "geometry": {"type": "Polygon", "coordinates": [SQUARE]},
            }
        ],
    }


def write_northshire(directory: Path) -> tuple[str, str]:
    """Northshire's one local authority and one MSOA (the same square); returns the two paths."""
    authorities, msoas = directory / "authorities.geojson", directory / "msoas.geojson"
    authorities.write_text(json.dumps(_collection("E09999999", "Northtown")))
    msoas.write_text(json.dumps(_collection("E02999999", "Northtown 001")))
    return str(authorities), str(msoas)
