"""Issue 11 item 2: the map's drill-down shows the risk — the level filter filters, high-risk points are
drawn last, the legend explains grey points, the popup labels its values, the same employers open as a
list, a regional account sees its regions only (others are 404), and a region loads only its outline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings

from labormap.web.employers.models import Employer
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def ministry(world: dict[str, Any]) -> Client:
    c = Client()
    c.force_login(make_user("map-min", role="ministry_admin", scope_kind="country"))
    return c


@pytest.fixture
def regional(world: dict[str, Any]) -> Client:
    c = Client()
    c.force_login(make_user("map-ak", role="akimat", scope_kind="region", regions="47"))
    return c


def test_level_filter_filters_the_points(world: dict[str, Any], ministry: Client) -> None:
    default = ministry.get("/map/region/47/points.json").json()
    assert {p["level"] for p in default["points"]} <= {"high"}
    assert default["count"] == Employer.objects.filter(region="47", level="high", lat__isnull=False).count()
    every = ministry.get("/map/region/47/points.json", {"level": "all"}).json()
    assert every["count"] == Employer.objects.filter(region="47", lat__isnull=False).count()
    elevated = ministry.get("/map/region/47/points.json", {"level": "elevated"}).json()
    assert {p["level"] for p in elevated["points"]} <= {"elevated"}


def test_high_risk_points_are_drawn_last(world: dict[str, Any], ministry: Client) -> None:
    pts = ministry.get("/map/region/47/points.json", {"level": "all"}).json()["points"]
    scores = [p["score"] for p in pts]
    known = [s for s in scores if s is not None]
    assert known == sorted(known)  # ascending: the highest last, on top
    assert all(s is None for s in scores[: scores.count(None)])  # unscored first, at the bottom


def test_region_page_legend_list_link_and_words(world: dict[str, Any], ministry: Client) -> None:
    html = ministry.get("/map/", {"region": "47"}).content.decode()
    assert 'class="dot level-none"' in html  # grey points are explained
    assert 'id="as-list"' in html and "region=47" in html and "level=high" in html
    cfg = json.loads(html.split('id="map-config" type="application/json">')[1].split("</script>")[0])
    assert {"score", "level"} <= set(cfg["words"])  # the popup labels its values


def test_regional_account_sees_its_regions_only(world: dict[str, Any], regional: Client) -> None:
    html = regional.get("/map/").content.decode()
    table = html.split('id="region-table"')[1].split("</table>")[0]
    assert table.count("<tr>") - 1 == 1  # header row + region 47 only, no 19 rows of zeros
    other = Employer.objects.exclude(region="47").values_list("region", flat=True).first()
    assert other is not None
    assert regional.get("/map/", {"region": other}).status_code == 404
    assert regional.get(f"/map/region/{other}/points.json").status_code == 404
    assert regional.get("/map/region/47/points.json").status_code == 200


def test_region_view_loads_one_outline(
    world: dict[str, Any], ministry: Client, regional: Client, tmp_path: Path
) -> None:
    from tests.web.boundaries import boundaries_file

    geo = boundaries_file(tmp_path)
    with override_settings(LABORMAP_GEOJSON=geo):
        one = ministry.get("/map/region/47/outline.geojson")
        assert one.status_code == 200
        data = json.loads(one.content)
        assert [f["properties"]["kato"] for f in data["features"]] == ["47"]
        national = ministry.get("/map/boundaries.geojson").content
        assert len(one.content) < len(national) / 5
        other = Employer.objects.exclude(region="47").values_list("region", flat=True).first()
        assert regional.get(f"/map/region/{other}/outline.geojson").status_code == 404
    js = (Path(__file__).parents[2] / "src/labormap/web/static/labormap/map.js").read_text(encoding="utf-8")
    region_part = js.split('getElementById("region-map")')[1]
    assert "boundaries.geojson" not in region_part and "outline.geojson" in region_part
