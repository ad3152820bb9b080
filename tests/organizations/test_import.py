import pytest
from django.core.management import call_command

from eenoverheid.organizations.importer import RegisterImport
from eenoverheid.organizations.models import (
    Coverage,
    EmailDomain,
    Organization,
    OrganizationDomain,
    Participation,
    PolicyDomainOverride,
)
from tests.organizations.conftest import BAD_ROWS, ORGANIZATIONS, TODAY, write_register

pytestmark = pytest.mark.django_db


def org(code):
    return Organization.objects.get(code=code)


def test_import_loads_organizations_with_kind_layer_and_identifiers(small_register):
    utrecht = org("gm0344")
    assert (utrecht.kind, utrecht.layer, utrecht.cbs_code) == (
        "municipality",
        "municipality",
        "GM0344",
    )
    assert utrecht.oin == "00000001002220647000"
    assert utrecht.inhabitants == 374238
    assert utrecht.province == org("pv26")
    assert org("so0001").kind == "safety_region"
    assert org("so0002").layer == "regional"
    assert org("so0002").cooperation_form == "Regeling zonder meer"
    department = Organization.objects.get(source_id="org:onderdeel-dgcz")
    assert department.parent == org("mnre1025")
    assert department.layer == "national"  # the layer of the ministry it belongs to
    # The core file names the ministry in full and decides what is current.
    assert org("mnre1025").name == "Ministerie van Volksgezondheid, Welzijn en Sport"
    assert org("pv26").is_active  # valid_until 2024 in the full file is wrong
    assert not org("gm0363").is_active  # not in the core file
    assert not org("so0003").is_active  # dissolved in 2020
    assert small_register.kinds["municipality"].source == 3
    assert small_register.kinds["municipality"].active == 2


def test_email_domains_follow_websites_and_the_ministry_table(small_register):
    domains = dict(EmailDomain.objects.values_list("domain", "organization__code"))
    assert domains["utrecht.nl"] == "gm0344"
    assert domains["zeist.nl"] == "gm0355"  # a website without a scheme still counts
    assert domains["minvws.nl"] == "mnre1025"
    assert "rijksoverheid.nl" not in domains  # shared by all ministries
    assert "amsterdam.nl" not in domains  # not current


def test_rerunning_changes_nothing(small_register, register_dir):
    before = {
        "orgs": list(Organization.objects.order_by("id").values()),
        "coverage": set(
            Coverage.objects.values_list("organization_id", "municipality_id", "basis")
        ),
        "participants": Participation.objects.count(),
        "domains": set(EmailDomain.objects.values_list("domain", "organization_id")),
        "policy": OrganizationDomain.objects.count(),
    }
    report = RegisterImport(register_dir, today=TODAY).run()
    assert not report.changed
    after_orgs = list(Organization.objects.order_by("id").values())
    for row in before["orgs"] + after_orgs:
        row.pop("updated_at")
    assert after_orgs == before["orgs"]
    assert (
        set(Coverage.objects.values_list("organization_id", "municipality_id", "basis"))
        == before["coverage"]
    )
    assert Participation.objects.count() == before["participants"]
    assert set(EmailDomain.objects.values_list("domain", "organization_id")) == before["domains"]
    assert OrganizationDomain.objects.count() == before["policy"]


def test_a_changed_source_updates_and_a_vanished_organization_becomes_inactive(
    small_register, tmp_path, admin_user
):
    zeist = org("gm0355")
    zeist.description = "Onze eigen tekst"
    zeist.save()
    EmailDomain.objects.create(organization=zeist, domain="werk.zeist.nl", source="admin")
    changed = [dict(row) for row in ORGANIZATIONS if row["polder_id"] != "org:gr-jeugd"]
    for row in changed:
        if row["polder_id"] == "org:gemeente-zeist":
            row["aantal_inwoners"] = "66000"
    source = write_register(tmp_path / "changed", organizations=changed)
    report = RegisterImport(source, today=TODAY).run()

    assert report.kinds["municipality"].updated == 1
    assert report.kinds["joint_body"].deactivated == 1
    zeist.refresh_from_db()
    assert zeist.inhabitants == 66000
    assert zeist.description == "Onze eigen tekst"  # the organization's own text survives
    assert EmailDomain.objects.filter(domain="werk.zeist.nl", organization=zeist).exists()
    gone = org("so0002")
    assert not gone.is_active  # never deleted
    assert Organization.objects.filter(code="so0002").exists()


def test_bad_rows_are_rejected_with_line_and_reason_and_the_rest_loads(tmp_path, db):
    source = write_register(tmp_path / "bad", bad_rows=BAD_ROWS)
    report = RegisterImport(source, today=TODAY).run()
    first_bad_line = len(ORGANIZATIONS) + 2  # header is line 1
    reasons = {(r.line, r.reason.split(" ")[0]) for r in report.rejected}
    assert (first_bad_line, "naam") in reasons
    assert (first_bad_line + 1, "unknown") in reasons
    assert (first_bad_line + 2, "valid_until") in reasons
    assert Organization.objects.filter(source_id__isnull=False).count() == len(ORGANIZATIONS)
    # A malformed identifier does not cost the organization its place, only the field.
    odd = Organization.objects.get(source_id="org:zbo-oin")
    assert odd.oin == ""
    assert any("oin" in w.reason for w in report.warnings)


def test_an_organization_created_by_hand_is_adopted_not_duplicated(db, register_dir):
    made = Organization.objects.create(
        code="gm0344", name="Utrecht (handmatig)", kind="municipality"
    )
    RegisterImport(register_dir, today=TODAY).run()
    made.refresh_from_db()
    assert made.source_id == "org:gemeente-utrecht"
    assert made.name == "Gemeente Utrecht"
    assert Organization.objects.filter(code="gm0344").count() == 1


def test_overrides_survive_a_reimport(small_register, register_dir, admin_user):
    from eenoverheid.organizations import services

    utrecht = org("gm0344")
    services.policy_domain_override_set(
        organization=utrecht, actor=admin_user, domain_code="6.72", included=False
    )
    RegisterImport(register_dir, today=TODAY).run()
    assert PolicyDomainOverride.objects.filter(organization=utrecht).count() == 1
    assert not utrecht.domains.filter(domain__code="6.72").exists()
    assert utrecht.domains.filter(domain__code="6.71").exists()


def test_command_reports_counts_and_rejections(tmp_path, db, capsys):
    source = write_register(tmp_path / "cmd", bad_rows=BAD_ROWS[:1])
    call_command("import_organizations", "--source", str(source), "--today", "2026-11-29")
    out, err = capsys.readouterr()
    assert "municipality" in out
    assert "total" in out
    assert "rejected: polder_organisaties_all.csv, line" in err
    call_command("import_organizations", "--source", str(source), "--today", "2026-11-29")
    out, _err = capsys.readouterr()
    assert "Register unchanged." in out


def test_command_refuses_a_missing_directory(tmp_path, db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("import_organizations", "--source", str(tmp_path / "nowhere"))
