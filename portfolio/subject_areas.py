"""The 14 OZG subject areas (Themenfelder) with German and English names: reference data of DESIGN.md §4.

Loaded by a data migration, so every installation has them before anyone enters a service, and again by
the demo (a test database flushed between browser tests loses what migrations put in).
"""

SUBJECT_AREAS: list[tuple[str, str, str]] = [
    ("arbeit-ruhestand", "Arbeit & Ruhestand", "Work & retirement"),
    ("bauen-wohnen", "Bauen & Wohnen", "Building & housing"),
    ("bildung", "Bildung", "Education"),
    ("ein-auswanderung", "Ein- & Auswanderung", "Immigration & emigration"),
    ("engagement-hobby", "Engagement & Hobby", "Volunteering & hobbies"),
    ("familie-kind", "Familie & Kind", "Family & children"),
    ("forschung-foerderung", "Forschung & Förderung", "Research & funding"),
    ("gesundheit", "Gesundheit", "Health"),
    ("mobilitaet-reisen", "Mobilität & Reisen", "Mobility & travel"),
    ("querschnittsleistungen", "Querschnittsleistungen", "Cross-cutting services"),
    ("recht-ordnung", "Recht & Ordnung", "Law & order"),
    ("steuern-zoll", "Steuern & Zoll", "Taxes & customs"),
    ("umwelt", "Umwelt", "Environment"),
    ("unternehmensfuehrung", "Unternehmensführung & -entwicklung", "Running & developing a business"),
]


def install(model) -> None:
    """Create or update the subject areas in ``model`` (the historical model in a migration)."""
    for position, (code, name_de, name_en) in enumerate(SUBJECT_AREAS, start=1):
        model.objects.update_or_create(
            code=code, defaults={"name_de": name_de, "name_en": name_en, "position": position}
        )
