import pytest
from django.contrib.auth.models import AnonymousUser

from eenoverheid.core.visibility import Visibility
from tests.factories import UserFactory
from tests.testapp.models import Note

pytestmark = pytest.mark.django_db


@pytest.fixture
def notes(user):
    member = UserFactory()
    made = {v: Note.objects.create(title=v, owner=user, visibility=v) for v in Visibility.values}
    made[Visibility.MEMBERS].members.add(member)
    return made, member


def titles(queryset):
    return set(queryset.values_list("title", flat=True))


def test_anonymous_sees_only_public(notes):
    assert titles(Note.objects.visible_to(AnonymousUser())) == {"public"}


def test_signed_in_outsider_sees_public_and_signed_in(notes):
    outsider = UserFactory()
    assert titles(Note.objects.visible_to(outsider)) == {"public", "signed_in"}


def test_member_also_sees_members_content(notes):
    _made, member = notes
    assert titles(Note.objects.visible_to(member)) == {"public", "signed_in", "members"}


def test_owner_sees_everything_they_own(notes, user):
    assert titles(Note.objects.visible_to(user)) == set(Visibility.values)


def test_platform_admin_sees_everything(notes, admin_user):
    assert titles(Note.objects.visible_to(admin_user)) == set(Visibility.values)


def test_deactivated_user_is_treated_as_anonymous(notes):
    _made, member = notes
    member.is_active = False
    member.save()
    assert titles(Note.objects.visible_to(member)) == {"public"}


def test_single_object_check_agrees_with_the_list(notes):
    made, member = notes
    outsider = UserFactory()
    for note in made.values():
        for person in (AnonymousUser(), outsider, member):
            expected = Note.objects.visible_to(person).filter(pk=note.pk).exists()
            assert note.is_visible_to(person) is expected


def test_list_query_count_is_constant(notes, django_assert_num_queries, user):
    for i in range(20):
        Note.objects.create(title=f"extra {i}", owner=user, visibility=Visibility.PUBLIC)
    with django_assert_num_queries(1):
        list(Note.objects.visible_to(UserFactory.build(pk=10_000)))
