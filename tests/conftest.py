import pytest

from tests.factories import create_administrator, create_leader, create_staff_member


@pytest.fixture
def leader(db):
    return create_leader()


@pytest.fixture
def staff_member(db):
    return create_staff_member()


@pytest.fixture
def administrator(db):
    return create_administrator()


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client


@pytest.fixture
def staff_client(client, staff_member):
    client.force_login(staff_member)
    return client


@pytest.fixture
def admin_client_role(client, administrator):
    client.force_login(administrator)
    return client
