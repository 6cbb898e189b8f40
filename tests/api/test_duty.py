"""Officers on duty through the API: each responder switches themself; admins and the province see and set it."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.factories import headers_of, staff, staff_headers


def test_the_province_puts_a_region_officer_on_duty_and_sees_it_per_region(client: FlaskClient) -> None:
    padang = staff("satgas_kabkota", "13.71")
    province = staff_headers("satgas_provinsi")
    assert client.get("/api/v1/users/on-duty", headers=province).get_json() == []
    reply = client.put(f"/api/v1/users/{padang.id}/duty", json={"on_duty": True}, headers=province)
    assert (reply.status_code, reply.get_json()["on_duty"]) == (200, True)
    client.put("/api/v1/auth/me/duty", json={"on_duty": True}, headers=province)
    on_duty = client.get("/api/v1/users/on-duty", headers=staff_headers("admin")).get_json()
    assert on_duty == [
        {"region": None, "officers": ["satgas-provinsi-all"]},
        {"region": "13.71", "officers": ["satgas-kabkota-13.71"]},
    ]
    client.put(f"/api/v1/users/{padang.id}/duty", json={"on_duty": False}, headers=staff_headers("admin"))
    assert client.get("/api/v1/users/on-duty", headers=province).get_json() == [
        {"region": None, "officers": ["satgas-provinsi-all"]}
    ]


def test_only_active_task_force_accounts_are_put_on_duty_and_a_region_officer_only_themself(
    client: FlaskClient,
) -> None:
    admin = staff_headers("admin")
    for account in (staff("editor"), staff("admin"), staff("satgas_kabkota", "13.06", username="pergi")):
        if account.username == "pergi":
            client.patch(f"/api/v1/users/{account.id}", json={"is_active": False}, headers=admin)
        reply = client.put(f"/api/v1/users/{account.id}/duty", json={"on_duty": True}, headers=admin)
        assert reply.status_code == 404, account.username
        assert reply.get_json()["message"].startswith("Petugas tidak ditemukan")
        english = {**admin, "Accept-Language": "en"}
        reply = client.put(f"/api/v1/users/{account.id}/duty", json={"on_duty": True}, headers=english)
        assert reply.get_json()["message"].startswith("Officer not found")
    assert client.put("/api/v1/users/999999/duty", json={"on_duty": True}, headers=admin).status_code == 404
    agam = staff("satgas_kabkota", "13.06")
    padang = headers_of(staff("satgas_kabkota", "13.71"))
    assert client.put(f"/api/v1/users/{agam.id}/duty", json={"on_duty": True}, headers=padang).status_code == 403
    assert (
        client.put("/api/v1/auth/me/duty", json={"on_duty": True}, headers=staff_headers("editor")).status_code == 403
    )
    bad = client.put(f"/api/v1/users/{agam.id}/duty", json={"on_duty": "ya"}, headers=admin)
    assert bad.status_code == 422
    assert "on_duty" in bad.get_json()["errors"]["json"]
    assert agam.on_duty is False
