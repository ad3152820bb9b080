"""An opportunity as schema.org JobPosting (JSON-LD), so that job search engines read the
vacancies that are public: https://schema.org/JobPosting and Google's guidelines for
job postings (title, description, datePosted, validThrough, hiringOrganization,
jobLocation or jobLocationType TELECOMMUTE with applicantLocationRequirements)."""

from __future__ import annotations

import datetime as dt
import json

from django.urls import reverse
from django.utils.html import escape, linebreaks

from eenoverheid.marketplace.models import Kind, Opportunity, WorkMode

EMPLOYMENT = {
    Kind.VACANCY: ["FULL_TIME", "PART_TIME"],
    Kind.GIG: ["CONTRACTOR", "TEMPORARY"],
    Kind.DEPLOYMENT: ["TEMPORARY"],
    Kind.JOB_SWAP: ["TEMPORARY"],
    Kind.JOB_SHARING: ["PART_TIME"],
}


def job_posting(opportunity: Opportunity, request) -> dict:
    o = opportunity
    organization = o.organization
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": o.title,
        "description": linebreaks(escape(o.description)),
        "identifier": {
            "@type": "PropertyValue",
            "name": organization.name,
            "value": f"eenoverheid-{o.pk}",
        },
        "url": request.build_absolute_uri(reverse("marketplace:detail", args=[o.pk])),
        "datePosted": (o.published_at or o.created_at).date().isoformat(),
        "hiringOrganization": {
            "@type": "GovernmentOrganization",
            "name": organization.name,
            **({"sameAs": organization.website} if getattr(organization, "website", "") else {}),
        },
        "employmentType": EMPLOYMENT.get(o.kind, ["OTHER"]),
        "skills": [s.skill.name for s in o.skills.all()],
        "industry": "Openbaar bestuur",
        "directApply": True,
    }
    if o.closing_date:
        data["validThrough"] = dt.datetime.combine(o.closing_date, dt.time(23, 59)).isoformat()
    if o.hours_per_week:
        data["workHours"] = f"{o.hours_per_week} uur per week"
    if o.start_date:
        data["jobStartDate"] = o.start_date.isoformat()
    place = o.municipality or (organization if organization.kind == "municipality" else None)
    if o.work_mode == WorkMode.REMOTE:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": "NL"}
    if place is not None or o.work_mode != WorkMode.REMOTE:
        address = {"@type": "PostalAddress", "addressCountry": "NL"}
        if place is not None:
            address["addressLocality"] = place.name.removeprefix("Gemeente ")
        if o.location:
            address["streetAddress"] = o.location
        data["jobLocation"] = {"@type": "Place", "address": address}
    if o.salary_scale_min or o.salary_scale_max:
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": {
                "@type": "QuantitativeValue",
                "unitText": "MONTH",
                "description": "Schaal "
                + "-".join(
                    str(s) for s in dict.fromkeys([o.salary_scale_min, o.salary_scale_max]) if s
                ),
            },
        }
    return data


def script_tag(opportunity: Opportunity, request) -> str:
    """The <script type="application/ld+json"> body, safe inside HTML."""
    text = json.dumps(job_posting(opportunity, request), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
