import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import create_agreement

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_signed_scan_is_served_to_a_leader(leader_client, media_root):
    agreement = create_agreement()
    agreement.scan = SimpleUploadedFile("mou-genova.pdf", b"%PDF-1.4 signed")
    agreement.save()

    response = leader_client.get(agreement.scan.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 signed"


def test_pending_uploads_are_never_served(leader_client, media_root):
    pending = media_root / "imports" / "pending"
    pending.mkdir(parents=True)
    (pending / "token").write_bytes(b"secret negotiations")

    response = leader_client.get("/media/imports/pending/token")

    assert response.status_code == 404


def test_paths_leaving_the_scans_folder_are_refused(leader_client, media_root):
    response = leader_client.get("/media/agreements/scans/../../../etc/passwd")

    assert response.status_code == 404


def test_user_without_a_role_cannot_download_a_scan(client, media_root, django_user_model):
    client.force_login(django_user_model.objects.create_user("visitor"))

    response = client.get("/media/agreements/scans/2025/mou.pdf")

    assert response.status_code == 403
