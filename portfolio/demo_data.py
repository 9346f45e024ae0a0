"""The tables behind Musterstadt's demo portfolio (``portfolio/demo.py``): about 80 services with their
LeiKa keys, case numbers and maturity, about 40 projects with their changes, costs, reports, milestones and
dependencies. Plain data; ``demo.build`` turns it into rows."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from .models import ReuseKind, Status, TrafficLight

SEED = 4711
AS_OF = date(2026, 11, 23)  # the day the demo's milestones and reports are seen from (as strategy.demo)
LAST_REPORT = date(2026, 9, 30)  # status reports run until the third quarter of 2026
LAST_COST_YEAR = 2028

# --- the service register ------------------------------------------------------------------------------

# org units (municipalities.demo.ORG_UNITS)
BB, OA, SA, KAE = "Bürgerbüro", "Ordnungsamt", "Standesamt", "Kämmerei"
SOZ, JA, SCH, BAU = "Sozialamt", "Jugendamt", "Schul- und Sportamt", "Bauordnungsamt"
UMW, HA, PO, IT, DIG = (
    "Umweltamt",
    "Hauptamt",
    "Personal und Organisation",
    "IT-Service",
    "Stabsstelle Digitalisierung",
)
# OZG subject areas (portfolio.subject_areas)
ARB, BW, BIL, EIN, ENG = "arbeit-ruhestand", "bauen-wohnen", "bildung", "ein-auswanderung", "engagement-hobby"
FAM, FOE, GES, MOB = "familie-kind", "forschung-foerderung", "gesundheit", "mobilitaet-reisen"
QUER, RO, ST, UMWELT, UNT = (
    "querschnittsleistungen",
    "recht-ordnung",
    "steuern-zoll",
    "umwelt",
    "unternehmensfuehrung",
)
# how an online application reaches the case worker
N, E, P, R, A = "none", "email", "printed", "retyped", "automated"

EFA_WOHNGELD = "EfA-Onlinedienst Wohngeld"
EFA_BAU = "EfA Digitale Baugenehmigung (Bauportal.NRW)"


class Svc(NamedTuple):
    name: str
    leika: str
    area: str
    unit: str
    cases: int  # per year
    staff: int  # minutes per case
    citizen: int  # minutes per case, trips and waiting included
    model: str  # "1" (levels 0–4) or "2" (levels 0–7); never converted
    level: int
    handling: str
    e_file: bool
    breaks: int
    efa: str = ""  # the EfA solution the service runs on


# fmt: off
SERVICES: list[Svc] = [
    # Bürgerbüro: registration and identity documents
    Svc("Wohnsitz anmelden", "99115005104000", EIN, BB, 6800, 15, 60, "2", 6, A, True, 0,
        "EfA-Onlinedienst Wohnsitzanmeldung"),
    Svc("Wohnsitz abmelden", "99115005070000", EIN, BB, 900, 10, 40, "2", 3, E, False, 2),
    Svc("Meldebescheinigung beantragen", "99115003012000", EIN, BB, 3200, 6, 45, "2", 3, P, False, 2),
    Svc("Einfache Melderegisterauskunft", "99115004001001", QUER, BB, 4600, 4, 10, "2", 7, A, True, 0),
    Svc("Personalausweis beantragen", "99008001012000", EIN, BB, 6000, 20, 90, "2", 1, N, False, 1),
    Svc("Vorläufigen Personalausweis beantragen", "99008001012002", EIN, BB, 700, 12, 60, "1", 1, N, False,
        1),
    Svc("Verlust des Personalausweises melden", "99008001014002", EIN, BB, 450, 10, 45, "1", 2, N, False, 1),
    Svc("Reisepass beantragen", "99085001012000", EIN, BB, 2400, 20, 90, "2", 1, N, False, 1),
    Svc("Express-Reisepass beantragen", "99085001012002", EIN, BB, 300, 20, 90, "1", 1, N, False, 1),
    Svc("Führungszeugnis beantragen", "99049001001000", RO, BB, 2100, 8, 40, "2", 3, R, False, 1),
    Svc("Fundsachen melden und abholen", "", QUER, BB, 1100, 15, 30, "1", 3, E, False, 2),
    Svc("Beglaubigung von Dokumenten", "", QUER, BB, 2600, 5, 40, "2", 0, N, False, 0),
    Svc("Briefwahl beantragen (Wahlschein)", "", QUER, HA, 7500, 4, 10, "2", 6, A, True, 0),
    # Ordnungsamt: trade, traffic, public order
    Svc("Gewerbe anmelden", "99050012104000", UNT, OA, 700, 25, 30, "2", 5, A, True, 0),
    Svc("Gewerbe ummelden", "99050012071000", UNT, OA, 250, 20, 25, "2", 4, A, False, 0),
    Svc("Gewerbe abmelden", "99050012070000", UNT, OA, 550, 15, 20, "2", 5, A, True, 0),
    Svc("Gaststättenerlaubnis beantragen", "99025002005000", UNT, OA, 25, 480, 240, "1", 2, N, False, 3),
    Svc("Gestattung aus besonderem Anlass beantragen", "99025002056000", UNT, OA, 180, 45, 40, "2", 3, E,
        False, 2),
    Svc("Reisegewerbekarte beantragen", "99050023005000", UNT, OA, 15, 120, 90, "1", 1, N, False, 2),
    Svc("Auskunft aus dem Gewerbezentralregister beantragen", "99052002109000", UNT, OA, 300, 10, 20, "1",
        4, E, False, 1),
    Svc("Bewohnerparkausweis beantragen", "99108001001000", MOB, OA, 2500, 15, 60, "2", 3, P, False, 2),
    Svc("Bewohnerparkausweis verlängern", "99108001020000", MOB, OA, 1800, 10, 40, "2", 3, P, False, 2),
    Svc("Parkausweis für schwerbehinderte Menschen verlängern", "99108009020000", MOB, OA, 220, 20, 60, "1",
        1, N, False, 1),
    Svc("Aufstellung von Verkehrszeichen anregen", "99108014042000", MOB, OA, 120, 90, 20, "2", 2, N, False,
        2),
    Svc("Halteverbotszone für einen Umzug beantragen", "", MOB, OA, 1400, 20, 30, "2", 3, E, False, 2),
    Svc("Sondernutzung öffentlicher Grünflächen beantragen", "99053004006000", BW, OA, 90, 60, 45, "2", 2,
        N, False, 2),
    Svc("Fischereischein beantragen", "99042001012000", ENG, OA, 160, 15, 45, "1", 2, N, False, 1),
    Svc("Großen Hund nach dem Landeshundegesetz anzeigen", "", RO, OA, 180, 30, 40, "2", 2, N, False, 2),
    Svc("Mängel im öffentlichen Raum melden", "", QUER, OA, 5200, 12, 10, "2", 3, E, False, 2),
    Svc("Anhörung im Verwarnungs- und Bußgeldverfahren beantworten", "", RO, OA, 9000, 6, 15, "2", 6, A,
        True, 0),
    Svc("Veranstaltung anzeigen", "", ENG, OA, 140, 90, 60, "2", 2, N, False, 3),
    # Standesamt
    Svc("Geburtsurkunde beantragen", "99027002012000", FAM, SA, 2800, 10, 30, "2", 3, P, False, 2),
    Svc("Eheschließung anmelden", "99059001104000", FAM, SA, 300, 120, 120, "2", 2, N, False, 3),
    Svc("Eheurkunde beantragen", "99059004012000", FAM, SA, 900, 10, 30, "2", 3, P, False, 2),
    Svc("Ehefähigkeitszeugnis beantragen", "99059002012000", FAM, SA, 40, 90, 90, "1", 1, N, False, 2),
    Svc("Sterbeurkunde beantragen", "99101004012000", FAM, SA, 1900, 8, 20, "2", 3, E, False, 2),
    Svc("Sterbefall beurkunden", "", FAM, SA, 720, 45, 30, "2", 2, N, False, 2),
    Svc("Vaterschaft anerkennen", "99133001026000", FAM, SA, 280, 45, 60, "2", 0, N, False, 1),
    # Kämmerei: local taxes and payments
    Svc("Hund zur Hundesteuer anmelden", "99102013104000", ST, KAE, 650, 20, 30, "2", 3, P, False, 2),
    Svc("Hund von der Hundesteuer abmelden", "99102013070000", ST, KAE, 420, 15, 25, "2", 3, P, False, 2),
    Svc("Hundesteuer-Ermäßigung beantragen", "99102013149000", ST, KAE, 60, 30, 40, "1", 1, N, False, 2),
    Svc("Grundsteuerbescheid erhalten", "99102012002000", ST, KAE, 21000, 3, 10, "2", 1, N, True, 1),
    Svc("Gewerbesteuer bezahlen", "99102010002000", ST, KAE, 2600, 8, 10, "2", 1, N, True, 1),
    Svc("Erklärung zur Zweitwohnungsteuer abgeben", "99102017002000", ST, KAE, 380, 25, 30, "2", 3, E,
        False, 2),
    Svc("Rechnung an die Stadt einreichen (E-Rechnung)", "", UNT, KAE, 24000, 12, 5, "2", 3, P, False, 3),
    # Sozialamt
    Svc("Wohngeld beantragen", "99107023037000", BW, SOZ, 900, 180, 240, "2", 3, P, False, 4, EFA_WOHNGELD),
    Svc("Wohngeld-Weiterleistung beantragen", "99107023037001", BW, SOZ, 1300, 90, 120, "2", 3, P, False, 3,
        EFA_WOHNGELD),
    Svc("Wohnberechtigungsschein beantragen", "99107022012000", BW, SOZ, 600, 45, 60, "2", 3, E, False, 2),
    Svc("Sozialhilfe beantragen", "99107009017000", ARB, SOZ, 350, 240, 180, "2", 2, N, False, 3),
    Svc("Hilfe zum Lebensunterhalt beantragen", "99107012017000", ARB, SOZ, 280, 240, 180, "2", 1, N, False,
        3),
    Svc("Übernahme der Bestattungskosten beantragen", "99101014080000", GES, SOZ, 60, 180, 120, "2", 1, N,
        False, 2),
    Svc("Leistungen für Bildung und Teilhabe beantragen", "", BIL, SOZ, 1400, 40, 60, "2", 3, E, False, 2),
    Svc("Rentenantrag im Versicherungsamt aufnehmen lassen", "", ARB, SOZ, 650, 60, 90, "2", 0, N, False, 2),
    Svc("Asylbewerberleistungen beantragen", "", EIN, SOZ, 300, 180, 120, "2", 0, N, False, 3),
    # Jugendamt
    Svc("Kita-Platz anmelden", "", FAM, JA, 800, 40, 120, "2", 3, E, False, 3),
    Svc("Ermäßigung der Kita-Elternbeiträge beantragen", "99107007149000", FAM, JA, 1100, 50, 60, "2", 3, P,
        False, 3),
    Svc("Befreiung von den Kita-Elternbeiträgen beantragen", "99107007010000", FAM, JA, 350, 40, 60, "1", 3,
        P, False, 2),
    Svc("Kind in der Kindertagespflege anmelden", "99071005080000", FAM, JA, 220, 60, 90, "2", 2, N, False,
        2),
    Svc("Elterngeld beantragen", "99041006017000", FAM, JA, 700, 120, 180, "2", 3, R, False, 2,
        "ElterngeldDigital"),
    Svc("Unterhaltsvorschuss beantragen", "99107021017000", FAM, JA, 260, 300, 120, "2", 3, P, False, 3),
    Svc("Beistandschaft beim Jugendamt beantragen", "99072002077000", FAM, JA, 180, 240, 90, "2", 0, N,
        False, 1),
    Svc("Sorgeerklärung abgeben", "99013005026000", FAM, JA, 200, 45, 60, "2", 0, N, False, 1),
    Svc("Ferienbetreuung anmelden", "", FAM, JA, 900, 10, 20, "2", 3, A, False, 0),
    # Schul- und Sportamt, Hauptamt, Personal
    Svc("Schülerfahrkosten erstatten lassen", "99088011039000", BIL, SCH, 900, 20, 30, "2", 3, P, False, 2),
    Svc("Kind an der Grundschule anmelden", "", BIL, SCH, 550, 30, 60, "2", 2, N, False, 2),
    Svc("Platz in der Offenen Ganztagsschule beantragen", "", BIL, SCH, 1200, 25, 40, "2", 3, E, False, 2),
    Svc("Sporthalle oder Sportplatz belegen", "", ENG, SCH, 380, 30, 30, "1", 2, N, False, 2),
    Svc("Sportförderung für Vereine beantragen", "", FOE, SCH, 90, 120, 180, "2", 1, N, False, 2),
    Svc("Bewerbung bei der Stadtverwaltung", "", ARB, PO, 2800, 30, 60, "2", 6, A, True, 0),
    # Bauordnungsamt
    Svc("Baugenehmigung beantragen", "99012070006001", BW, BAU, 320, 900, 600, "2", 3, P, False, 4, EFA_BAU),
    Svc("Bauvoranfrage stellen", "99012068006000", BW, BAU, 90, 420, 240, "2", 3, P, False, 3),
    Svc("Baugenehmigung für eine Nutzungsänderung beantragen", "99012071006000", BW, BAU, 60, 480, 300, "2",
        3, P, False, 3),
    Svc("Abbruchgenehmigung beantragen", "99012077006000", BW, BAU, 35, 180, 120, "1", 2, N, False, 2),
    Svc("Abgeschlossenheitsbescheinigung beantragen", "99012002012000", BW, BAU, 70, 120, 60, "1", 1, N,
        False, 2),
    Svc("Auskunft aus dem Baulastenverzeichnis", "", BW, BAU, 450, 20, 30, "2", 3, E, False, 2),
    # Umweltamt: waste, trees, cemeteries, climate
    Svc("Sperrmüll anmelden", "", UMWELT, UMW, 4000, 4, 10, "2", 6, A, True, 0),
    Svc("Abfallbehälter an-, um- oder abmelden", "", UMWELT, UMW, 2200, 8, 15, "2", 3, E, False, 2),
    Svc("Baum nach der Baumschutzsatzung fällen", "", UMWELT, UMW, 260, 60, 45, "2", 3, E, False, 2),
    Svc("Förderung für Steckersolargeräte beantragen", "", FOE, UMW, 420, 30, 30, "2", 3, E, False, 2),
    Svc("Grabnutzungsrecht verlängern", "", GES, UMW, 380, 30, 45, "2", 1, N, False, 2),
    Svc("Bestattung auf einem städtischen Friedhof anmelden", "", GES, UMW, 650, 60, 30, "2", 2, N, False, 2),
]
# fmt: on

# --- projects --------------------------------------------------------------------------------------------

F, B, EE = "front_end", "back_end", "end_to_end"
IDEA, PROP, APPR, PROG, HOLD, DONE, CANC = (
    Status.IDEA,
    Status.PROPOSED,
    Status.APPROVED,
    Status.IN_PROGRESS,
    Status.ON_HOLD,
    Status.COMPLETED,
    Status.CANCELLED,
)
LEAD, CDO = "projektleitung", "strategie"  # demo logins (municipalities.demo.DEMO_LOGINS)
GREEN, YELLOW, RED = TrafficLight.GREEN, TrafficLight.YELLOW, TrafficLight.RED

# goals of the adopted strategy (strategy.demo.FIELDS, version 2)
G_ONLINE = "Die wichtigsten Verwaltungsleistungen sind vollständig online verfügbar"
G_WAIT = "Kurze Wartezeiten im Bürgerbüro"
G_PAY = "Bezahlen ohne Medienbruch bei allen gebührenpflichtigen Online-Leistungen"
G_INBOX = "Bescheide kommen digital ins Bürgerpostfach"
G_ACCESS = "Barrierefreie Online-Angebote"
G_EFILE = "Die E-Akte ist in allen Ämtern eingeführt"
G_E2E = "Online-Anträge fließen ohne Medienbruch ins Fachverfahren"
G_BAU = "Digitales Baugenehmigungsverfahren"
G_HR = "Digitale Personalakte und Personalprozesse"
G_PROC = "Kernprozesse sind dokumentiert und optimiert"
G_AI = "Künstliche Intelligenz verantwortungsvoll in der Sachbearbeitung erproben"
G_LOTS = "Digitallotsinnen und Digitallotsen in jedem Amt"
G_EMPLOYER = "Attraktive digitale Arbeitgeberin"
G_IT = "Stabile IT-Arbeitsplätze und Fachverfahren"
G_OPEN = "Offene Daten: die Stadt veröffentlicht ihre Daten maschinenlesbar"
G_PLATFORM = "Urbane Datenplattform und Sensorik"
G_PARK = "Parken mit Echtzeitinformation"
G_SEC = "Informationssicherheit nach BSI IT-Grundschutz"

OZG = ("§ 1a OZG", date(2022, 12, 31))  # duty to offer the service online; the original OZG deadline
GRANT_LAND = "Förderprogramm Digitale Verwaltung (Land)"
GRANT_OZG = "OZG-Umsetzungsfinanzierung (Land)"
GRANT_EFRE = "EU-Strukturfonds (EFRE), Förderaufruf Digitale Innenstadt"
GRANT_DUTY = "Verwendungsnachweis jährlich zum 31. März; Schlussbericht drei Monate nach Projektende"


class Chg(NamedTuple):
    """A service change: what the project brings to one service (None / "": unchanged)."""

    service: str
    level: int | None = None
    handling: str = ""
    e_file: bool | None = None
    staff: int = 0
    citizen: int = 0
    breaks: int = 0


class Grant(NamedTuple):
    programme: str
    own_share: int
    start: date
    end: date


class Prj(NamedTuple):
    title: str
    layer: str
    category: str
    status: str
    unit: str
    lead: str | None
    start: tuple[int, int]  # planned (year, month)
    end: tuple[int, int]
    effort_days: int
    external: int  # EUR
    invest: int  # EUR over the project years
    operating: int  # EUR per year once running
    description: str
    goals: list[tuple[str, int]]
    changes: list[Chg] = []
    health: str = GREEN  # how the status reports read
    duty: tuple[str, date | None] | None = None
    grant: Grant | None = None
    reuse: tuple[str, str] | None = None


# fmt: off
PROJECTS: list[Prj] = [
    # completed
    Prj("Online-Terminvergabe für das Bürgerbüro", F, "online_service", DONE, BB, CDO, (2024, 2), (2024, 10),
        40, 22_000, 28_000, 6_000,
        "Termine für Ausweis, Pass und Meldeangelegenheiten online buchen; Aufrufsystem im Wartebereich.",
        [(G_WAIT, 3)],
        [Chg("Personalausweis beantragen", staff=3, citizen=30),
         Chg("Reisepass beantragen", staff=3, citizen=30),
         Chg("Vorläufigen Personalausweis beantragen", staff=2, citizen=20)]),
    Prj("Mängelmelder-App", F, "online_service", DONE, OA, None, (2024, 4), (2025, 3), 45, 30_000, 35_000,
        8_000, "Schäden, wilden Müll und defekte Laternen per App oder Web mit Foto und Standort melden.",
        [(G_ONLINE, 1)], [Chg("Mängel im öffentlichen Raum melden", staff=4, citizen=5)],
        reuse=(ReuseKind.MARKET, "Standardprodukt Mängelmelder")),
    Prj("Relaunch der barrierefreien Stadtwebsite", F, "portal", DONE, HA, CDO, (2024, 1), (2025, 6), 160,
        95_000, 120_000, 18_000,
        "Neue Website nach BITV 2.0 mit Leistungsfinder, Leichter Sprache und Anbindung an das Landesportal.",
        [(G_ACCESS, 3), (G_ONLINE, 1)], health=YELLOW, duty=("BGG NRW i. V. m. BITV NRW", None)),
    Prj("Online-Sperrmüllanmeldung mit Tourenplanung", EE, "online_service", DONE, UMW, None, (2024, 9),
        (2025, 4), 50, 32_000, 40_000, 7_000,
        "Sperrmülltermine online buchen; Aufträge fließen direkt in die Tourenplanung des Entsorgers.",
        [(G_E2E, 2)], [Chg("Sperrmüll anmelden", staff=3, citizen=8)]),
    Prj("Gewerbeanzeigen ohne Medienbruch", EE, "integration", DONE, OA, CDO, (2025, 1), (2025, 9), 35,
        18_000, 25_000, 5_000,
        "Gewerbeanzeigen aus dem Gewerbe-Service-Portal gehen per XGewerbeanzeige ins Fachverfahren und "
        "in die E-Akte.",
        [(G_E2E, 3)],
        [Chg("Gewerbe anmelden", staff=15, citizen=20), Chg("Gewerbe ummelden", staff=8, citizen=10),
         Chg("Gewerbe abmelden", staff=8, citizen=10)]),
    Prj("Einführung eines Dokumentenmanagementsystems (DMS)", B, "e_file", DONE, IT, CDO, (2024, 1),
        (2025, 6), 420, 290_000, 380_000, 60_000,
        "Zentrales DMS als Basis der E-Akte: Aktenplan, Rechte, Schnittstellen zu den Fachverfahren.",
        [(G_EFILE, 3)]),
    Prj("Erneuerung der Server- und Netzwerkinfrastruktur", B, "infrastructure", DONE, IT, None, (2024, 3),
        (2025, 12), 300, 520_000, 650_000, 40_000,
        "Neues Rechenzentrum im Verbund mit dem kommunalen IT-Dienstleister, redundante Anbindung der "
        "Außenstellen.",
        [(G_IT, 3)], health=YELLOW),
    Prj("Digitale Ratsarbeit", B, "workplace", DONE, HA, None, (2025, 2), (2025, 11), 80, 60_000, 90_000,
        25_000, "Ratsinformationssystem mit App; Sitzungsunterlagen nur noch digital, Tablets für den Rat.",
        [(G_PROC, 1)]),
    # in progress
    Prj("Nutzerkonto: Anbindung an die BundID", F, "portal", PROG, DIG, CDO, (2025, 9), (2026, 12), 60,
        30_000, 45_000, 8_000,
        "Alle Online-Dienste der Stadt nutzen die BundID zur Anmeldung und für das Postfach.",
        [(G_ONLINE, 2), (G_INBOX, 2)],
        [Chg("Großen Hund nach dem Landeshundegesetz anzeigen", level=3, citizen=20, breaks=1),
         Chg("Sterbefall beurkunden", level=3, citizen=15),
         Chg("Sozialhilfe beantragen", level=3, citizen=45, breaks=1)],
        duty=("§ 3 OZG", None), grant=Grant(GRANT_OZG, 20, date(2025, 9, 1), date(2026, 12, 31))),
    Prj("Online-Hundesteuer", F, "online_service", PROG, KAE, LEAD, (2026, 3), (2026, 12), 45, 24_000, 32_000,
        6_000,
        "An- und Abmeldung zur Hundesteuer mit automatischer Übernahme ins Steuerverfahren, Ermäßigung "
        "online.",
        [(G_ONLINE, 1), (G_E2E, 2)],
        [Chg("Hund zur Hundesteuer anmelden", handling=A, staff=12, breaks=2),
         Chg("Hund von der Hundesteuer abmelden", handling=A, staff=9, breaks=2),
         Chg("Hundesteuer-Ermäßigung beantragen", level=3, citizen=20)]),
    Prj("Online-Anwohnerparken", EE, "online_service", PROG, OA, LEAD, (2026, 1), (2027, 3), 70, 40_000,
        55_000, 9_000,
        "Bewohnerparkausweise online beantragen, bezahlen und digital prüfen; Bescheid in die E-Akte.",
        [(G_ONLINE, 2), (G_E2E, 1)],
        [Chg("Bewohnerparkausweis beantragen", handling=A, e_file=True, staff=10, citizen=45, breaks=2),
         Chg("Bewohnerparkausweis verlängern", handling=A, e_file=True, staff=7, citizen=30, breaks=2),
         Chg("Parkausweis für schwerbehinderte Menschen verlängern", level=3, staff=5, citizen=40)],
        health=YELLOW, duty=OZG,
        reuse=(ReuseKind.MUNICIPALITY, "Online-Anwohnerparken der Stadt Beispielhausen")),
    Prj("ePayment für alle gebührenpflichtigen Online-Dienste", F, "online_service", PROG, KAE, CDO,
        (2025, 6), (2026, 12), 80, 45_000, 60_000, 15_000,
        "Zentrale Bezahlplattform (Karte, PayPal, giropay) für alle Online-Dienste mit Gebühren.",
        [(G_PAY, 3)],
        [Chg("Sondernutzung öffentlicher Grünflächen beantragen", level=3, staff=10, citizen=15, breaks=1),
         Chg("Veranstaltung anzeigen", level=3, staff=10, citizen=15, breaks=1),
         Chg("Meldebescheinigung beantragen", citizen=15)]),
    Prj("E-Akte im Bauordnungsamt", B, "e_file", PROG, BAU, CDO, (2025, 4), (2027, 6), 520, 310_000, 420_000,
        45_000, "Bauakten digital führen, Altakten nach Bedarf scannen, Beteiligung der Fachstellen im DMS.",
        [(G_EFILE, 3), (G_BAU, 2)],
        [Chg("Baugenehmigung beantragen", e_file=True, staff=60, breaks=1),
         Chg("Bauvoranfrage stellen", e_file=True, staff=30, breaks=1),
         Chg("Baugenehmigung für eine Nutzungsänderung beantragen", e_file=True, staff=30, breaks=1),
         Chg("Auskunft aus dem Baulastenverzeichnis", e_file=True, staff=5, breaks=1)],
        health=YELLOW),
    Prj("E-Akte in der Kämmerei", B, "e_file", PROG, KAE, LEAD, (2025, 10), (2027, 3), 380, 180_000, 260_000,
        30_000, "Steuer- und Abgabenakten in der E-Akte, Posteingang über das Scanzentrum.",
        [(G_EFILE, 3)],
        [Chg("Erklärung zur Zweitwohnungsteuer abgeben", e_file=True, staff=6, breaks=1),
         Chg("Hundesteuer-Ermäßigung beantragen", e_file=True, staff=8, breaks=1)]),
    Prj("E-Rechnung: Eingangsworkflow für XRechnung", B, "process", PROG, KAE, LEAD, (2025, 1), (2026, 12),
        200, 95_000, 140_000, 22_000,
        "Rechnungen kommen als XRechnung über die Plattform des Landes, werden digital geprüft, "
        "freigegeben und gebucht.",
        [(G_E2E, 2), (G_PROC, 2)],
        [Chg("Rechnung an die Stadt einreichen (E-Rechnung)", handling=A, e_file=True, staff=8, citizen=3,
             breaks=3)],
        duty=("E-Rechnungsverordnung NRW", None)),
    Prj("Prozessmodellierung Baugenehmigungsverfahren", B, "process", PROG, BAU, CDO, (2025, 9), (2026, 10),
        150, 60_000, 75_000, 0,
        "Ist- und Soll-Prozess der Baugenehmigung in BPMN, Fristen und Beteiligungen digital steuern.",
        [(G_BAU, 3), (G_PROC, 2)],
        [Chg("Baugenehmigung beantragen", level=4, staff=90, breaks=1)], health=YELLOW),
    Prj("XMeld-Anbindung der Online-Meldedienste", B, "integration", PROG, BB, CDO, (2026, 2), (2026, 11), 60,
        38_000, 48_000, 7_000,
        "Meldebescheinigung und Abmeldung aus dem Portal direkt ins Meldeverfahren, ohne Abtippen.",
        [(G_E2E, 3)],
        [Chg("Meldebescheinigung beantragen", handling=A, staff=5, breaks=2),
         Chg("Wohnsitz abmelden", handling=A, staff=6, breaks=1)],
        duty=("BMG i. V. m. BMeldDigiV", None)),
    Prj("Scanzentrum für den zentralen Posteingang", B, "e_file", PROG, HA, LEAD, (2025, 11), (2027, 6), 240,
        120_000, 210_000, 85_000,
        "Papierpost wird zentral gescannt, klassifiziert und in die E-Akte der Ämter geleitet.",
        [(G_EFILE, 2)],
        [Chg("Gaststättenerlaubnis beantragen", e_file=True, staff=30, breaks=1),
         Chg("Reisegewerbekarte beantragen", e_file=True, staff=10, breaks=1),
         Chg("Ermäßigung der Kita-Elternbeiträge beantragen", e_file=True, staff=8, breaks=1),
         Chg("Befreiung von den Kita-Elternbeiträgen beantragen", e_file=True, staff=6, breaks=1)]),
    Prj("Personalmanagementsystem mit digitaler Personalakte", B, "workplace", PROG, PO, None, (2025, 3),
        (2027, 6), 300, 240_000, 320_000, 55_000,
        "Ablösung der Papierpersonalakte, Self-Service für Beschäftigte, digitale Urlaubs- und "
        "Reisekostenanträge.",
        [(G_HR, 3), (G_EMPLOYER, 1)], health=RED),
    Prj("Informationssicherheit nach BSI IT-Grundschutz", B, "infrastructure", PROG, IT, None, (2024, 10),
        (2027, 12), 250, 110_000, 160_000, 35_000,
        "ISMS aufbauen, Grundschutz-Check, Notfallhandbuch und Awareness-Kampagne.", [(G_SEC, 3)],
        health=YELLOW),
    # on hold
    Prj("Wohngeld: EfA-Onlinedienst an das Fachverfahren anbinden", B, "integration", HOLD, SOZ, CDO,
        (2025, 10), (2026, 9), 90, 50_000, 70_000, 12_000,
        "Anträge aus dem EfA-Onlinedienst automatisch ins Wohngeldverfahren und in die E-Akte übernehmen.",
        [(G_E2E, 3)],
        [Chg("Wohngeld beantragen", handling=A, e_file=True, staff=60, breaks=3),
         Chg("Wohngeld-Weiterleistung beantragen", handling=A, e_file=True, staff=30, breaks=2),
         Chg("Wohnberechtigungsschein beantragen", handling=R, staff=10, breaks=1)],
        health=RED, reuse=(ReuseKind.EFA, EFA_WOHNGELD)),
    Prj("Prozessoptimierung Kita-Elternbeiträge", B, "process", HOLD, JA, None, (2025, 5), (2026, 3), 60,
        20_000, 30_000, 0,
        "Festsetzung der Elternbeiträge mit Einkommensnachweisen digital; Daten fließen ins Fachverfahren.",
        [(G_PROC, 2)],
        [Chg("Ermäßigung der Kita-Elternbeiträge beantragen", handling=R, staff=10, breaks=1)],
        health=YELLOW),
    Prj("Smarte Parkraumsensorik in der Innenstadt", F, "data", HOLD, OA, None, (2025, 7), (2027, 6), 90,
        200_000, 240_000, 30_000,
        "Sensoren melden freie Stellplätze an die urbane Datenplattform und das Parkleitsystem.",
        [(G_PARK, 3), (G_PLATFORM, 1)], health=RED,
        grant=Grant(GRANT_EFRE, 30, date(2025, 7, 1), date(2027, 12, 31))),
    # approved
    Prj("Digitaler Bauantrag", F, "online_service", APPR, BAU, CDO, (2027, 1), (2027, 12), 120, 55_000,
        80_000,
        15_000,
        "Bauanträge und Nachreichungen über das Bauportal, mit digitaler Beteiligung der Fachstellen.",
        [(G_BAU, 3), (G_ONLINE, 1)],
        [Chg("Abbruchgenehmigung beantragen", level=3, citizen=60, breaks=1),
         Chg("Abgeschlossenheitsbescheinigung beantragen", level=3, citizen=30, breaks=1),
         Chg("Baugenehmigung beantragen", citizen=120)],
        duty=OZG, grant=Grant(GRANT_LAND, 40, date(2027, 1, 1), date(2027, 12, 31)),
        reuse=(ReuseKind.EFA, EFA_BAU)),
    Prj("XBau-Schnittstelle zum Bauaufsichtsverfahren", B, "integration", APPR, BAU, None, (2027, 1),
        (2027, 9), 110, 75_000, 95_000, 14_000,
        "Bauanträge aus dem Bauportal per XBau ins Fachverfahren der Bauaufsicht übernehmen.",
        [(G_BAU, 2), (G_E2E, 2)],
        [Chg("Baugenehmigung beantragen", handling=A, staff=45, breaks=1),
         Chg("Bauvoranfrage stellen", handling=A, staff=30, breaks=1)]),
    Prj("E-Akte im Sozialamt", B, "e_file", APPR, SOZ, None, (2027, 1), (2028, 6), 420, 220_000, 310_000,
        35_000, "Leistungsakten im Sozialamt digital, mit Anbindung an das Sozialhilfe-Fachverfahren.",
        [(G_EFILE, 3)],
        [Chg("Wohnberechtigungsschein beantragen", e_file=True, staff=6, breaks=1),
         Chg("Sozialhilfe beantragen", e_file=True, staff=20, breaks=1),
         Chg("Hilfe zum Lebensunterhalt beantragen", e_file=True, staff=20, breaks=1),
         Chg("Übernahme der Bestattungskosten beantragen", e_file=True, staff=15, breaks=1)]),
    Prj("Kita-Portal", EE, "portal", APPR, JA, None, (2027, 2), (2027, 11), 80, 50_000, 65_000, 14_000,
        "Eltern suchen Betreuungsplätze, melden sich an und sehen den Stand ihrer Vormerkung.",
        [(G_ONLINE, 2)],
        [Chg("Kind in der Kindertagespflege anmelden", level=3, staff=10, citizen=45, breaks=1),
         Chg("Kita-Platz anmelden", staff=15, citizen=60)],
        grant=Grant(GRANT_LAND, 50, date(2027, 1, 1), date(2027, 12, 31)),
        reuse=(ReuseKind.MARKET, "Standardprodukt Kita-Portal")),
    Prj("Digitale Signatur und elektronischer Bescheidversand", B, "process", APPR, HA, None, (2027, 3),
        (2027, 12), 100, 60_000, 85_000, 20_000,
        "Fernsignatur für Bescheide, Versand ins Postfach der BundID, Ablage in der E-Akte.",
        [(G_INBOX, 3)],
        [Chg("Schülerfahrkosten erstatten lassen", e_file=True, staff=5, breaks=1),
         Chg("Leistungen für Bildung und Teilhabe beantragen", e_file=True, staff=10, breaks=1)]),
    Prj("Abfallbehälter-Änderungen automatisch veranlagen", B, "integration", APPR, UMW, None, (2027, 1),
        (2027, 6), 40, 28_000, 38_000, 5_000,
        "An-, Um- und Abmeldungen von Behältern fließen ohne Abtippen in die Gebührenveranlagung.",
        [(G_E2E, 2)],
        [Chg("Abfallbehälter an-, um- oder abmelden", handling=A, e_file=True, staff=6, breaks=2)]),
    Prj("Fortbildungsprogramm Digitallotsinnen und Digitallotsen", B, "skills", APPR, PO, None, (2027, 1),
        (2028, 12), 200, 30_000, 45_000, 10_000,
        "Je Amt mindestens eine ausgebildete Digitallotsin oder ein Digitallotse als Ansprechperson.",
        [(G_LOTS, 3)]),
    # proposed
    Prj("Online-Anmeldung für Grundschule und OGS", F, "online_service", PROP, SCH, None, (2027, 6),
        (2028, 3), 55, 30_000, 42_000, 7_000,
        "Schulanmeldung und OGS-Platz online, mit Nachweisen aus dem Melderegister.",
        [(G_ONLINE, 2)],
        [Chg("Kind an der Grundschule anmelden", level=3, staff=10, citizen=45, breaks=1),
         Chg("Platz in der Offenen Ganztagsschule beantragen", citizen=20)]),
    Prj("E-Akte im Jugendamt", B, "e_file", PROP, JA, None, (2028, 1), (2028, 12), 400, 200_000, 290_000,
        32_000, "Fallakten der wirtschaftlichen Jugendhilfe und der Beistandschaften in der E-Akte.",
        [(G_EFILE, 3)],
        [Chg("Unterhaltsvorschuss beantragen", e_file=True, staff=40, breaks=1),
         Chg("Beistandschaft beim Jugendamt beantragen", e_file=True, staff=30, breaks=1),
         Chg("Sorgeerklärung abgeben", e_file=True, staff=10, breaks=1)]),
    Prj("E-Akte im Standesamt", B, "e_file", PROP, SA, None, (2027, 9), (2028, 9), 160, 80_000, 120_000,
        15_000, "Sammelakten digital; Anmeldung der Eheschließung mit Online-Vorprüfung der Unterlagen.",
        [(G_EFILE, 2), (G_ONLINE, 1)],
        [Chg("Geburtsurkunde beantragen", e_file=True, staff=3, breaks=1),
         Chg("Eheurkunde beantragen", e_file=True, staff=3, breaks=1),
         Chg("Sterbeurkunde beantragen", e_file=True, staff=3, breaks=1),
         Chg("Eheschließung anmelden", level=3, e_file=True, staff=20, citizen=30, breaks=1)]),
    Prj("Elterngeld: Anbindung an ElterngeldDigital", B, "integration", PROP, JA, None, (2027, 4), (2027, 10),
        40, 25_000, 35_000, 6_000, "Anträge aus ElterngeldDigital automatisch ins Fachverfahren übernehmen.",
        [(G_E2E, 2)], [Chg("Elterngeld beantragen", handling=A, staff=30, breaks=1)],
        reuse=(ReuseKind.EFA, "ElterngeldDigital")),
    Prj("Friedhofsverwaltung digital", EE, "online_service", PROP, UMW, None, (2028, 1), (2028, 9), 70,
        45_000,
        60_000, 9_000, "Grabnutzungsrechte und Bestattungen online anmelden, direkt im Friedhofsverfahren.",
        [(G_ONLINE, 1), (G_E2E, 1)],
        [Chg("Grabnutzungsrecht verlängern", level=3, handling=A, staff=15, citizen=30, breaks=1),
         Chg("Bestattung auf einem städtischen Friedhof anmelden", level=3, handling=A, staff=20, citizen=20,
             breaks=1)]),
    # ideas
    Prj("Chatbot für Bürgeranfragen", F, "online_service", IDEA, BB, None, (2027, 1), (2027, 9), 40, 40_000,
        50_000, 18_000, "Ein Chatbot beantwortet häufige Fragen rund um die Uhr und vermittelt Termine.",
        [(G_WAIT, 1)],
        [Chg("Beglaubigung von Dokumenten", level=1, citizen=10),
         Chg("Fundsachen melden und abholen", citizen=5)]),
    Prj("KI-gestützte Posteingangsklassifizierung (Pilot)", B, "process", IDEA, DIG, None, (2028, 1),
        (2028, 12), 80, 70_000, 90_000, 25_000,
        "Ein Sprachmodell ordnet gescannte Post Akten und Zuständigkeiten zu; Pilot mit Folgenabschätzung.",
        [(G_AI, 3)]),
    Prj("Unterhaltsvorschuss Ende-zu-Ende digital", EE, "process", IDEA, JA, None, (2028, 3), (2028, 12), 140,
        80_000, 110_000, 15_000,
        "Antrag, Prüfung und Rückgriff beim Unterhaltsvorschuss ohne Papier; Beistandschaft online "
        "beantragen.",
        [(G_E2E, 2), (G_PROC, 1)],
        [Chg("Unterhaltsvorschuss beantragen", handling=A, e_file=True, staff=90, breaks=2),
         Chg("Beistandschaft beim Jugendamt beantragen", level=3, citizen=30)]),
    Prj("Open-Data-Portal", F, "data", IDEA, DIG, None, (2027, 6), (2028, 6), 90, 50_000, 70_000, 12_000,
        "Datensätze der Stadt maschinenlesbar unter offener Lizenz veröffentlichen.", [(G_OPEN, 3)]),
    # cancelled
    Prj("Bürger-App Musterstadt", F, "portal", CANC, DIG, None, (2024, 5), (2025, 6), 60, 120_000, 150_000,
        30_000,
        "Eigene App für Nachrichten und Online-Dienste; eingestellt zugunsten von BundID und Website.",
        [(G_ONLINE, 1)],
        [Chg("Veranstaltung anzeigen", level=3, citizen=15),
         Chg("Halteverbotszone für einen Umzug beantragen", citizen=10)]),
]
# fmt: on

# (project, requires, why): an online service needs its back end first
DEPENDENCIES: list[tuple[str, str, str]] = [
    (
        "Digitaler Bauantrag",
        "Prozessmodellierung Baugenehmigungsverfahren",
        "Soll-Prozess vor dem Onlinedienst",
    ),
    ("Digitaler Bauantrag", "E-Akte im Bauordnungsamt", "Anträge landen in der E-Akte"),
    ("Digitaler Bauantrag", "XBau-Schnittstelle zum Bauaufsichtsverfahren", "keine Übernahme per Hand"),
    ("XBau-Schnittstelle zum Bauaufsichtsverfahren", "Prozessmodellierung Baugenehmigungsverfahren", ""),
    ("E-Akte im Bauordnungsamt", "Einführung eines Dokumentenmanagementsystems (DMS)", "DMS als Basis"),
    ("E-Akte in der Kämmerei", "Einführung eines Dokumentenmanagementsystems (DMS)", "DMS als Basis"),
    ("E-Akte im Sozialamt", "Einführung eines Dokumentenmanagementsystems (DMS)", "DMS als Basis"),
    (
        "E-Rechnung: Eingangsworkflow für XRechnung",
        "Einführung eines Dokumentenmanagementsystems (DMS)",
        "Rechnungen werden im DMS archiviert",
    ),
    ("Online-Hundesteuer", "ePayment für alle gebührenpflichtigen Online-Dienste", ""),
    ("Online-Anwohnerparken", "ePayment für alle gebührenpflichtigen Online-Dienste", "Gebühr online zahlen"),
    ("Kita-Portal", "Nutzerkonto: Anbindung an die BundID", "Anmeldung der Eltern über die BundID"),
    (
        "Wohngeld: EfA-Onlinedienst an das Fachverfahren anbinden",
        "E-Akte im Sozialamt",
        "Anträge sollen nicht ausgedruckt werden; wartet auf die E-Akte",
    ),
]

MILESTONES = {
    "online_service": [
        "Anforderungen und Prozess aufgenommen",
        "Onlinedienst konfiguriert und getestet",
        "Barrierefreiheitstest bestanden",
        "Onlinedienst freigeschaltet",
    ],
    "portal": [
        "Konzept abgestimmt",
        "Anbindung im Testsystem",
        "Barrierefreiheitstest bestanden",
        "Produktivbetrieb",
    ],
    "e_file": [
        "Aktenplan und Fachkonzept abgestimmt",
        "Pilotbereich arbeitet mit der E-Akte",
        "Schulungen abgeschlossen",
        "Rollout im gesamten Amt abgeschlossen",
    ],
    "process": [
        "Ist-Prozess modelliert",
        "Soll-Prozess abgestimmt",
        "Personalrat beteiligt",
        "Workflow produktiv",
    ],
    "integration": [
        "Schnittstellenspezifikation abgestimmt",
        "Testbetrieb mit dem Fachverfahren",
        "Produktivsetzung der Schnittstelle",
    ],
    "infrastructure": ["Vergabe abgeschlossen", "Migration abgeschlossen", "Abnahme"],
    "workplace": ["Vergabe abgeschlossen", "Pilotgruppe arbeitet produktiv", "Einführung abgeschlossen"],
    "data": ["Konzept und Datenschutz-Folgenabschätzung", "Pilotbetrieb", "Regelbetrieb"],
    "skills": ["Curriculum abgestimmt", "Erster Durchgang abgeschlossen", "Digitallotsen in allen Ämtern"],
}
# (what went wrong, what the project does about it), for the reports of projects in trouble
ISSUES = [
    (
        "Lieferverzug des Fachverfahrensherstellers bei der Schnittstelle",
        "Eskalationsgespräch mit dem Hersteller; Ersatztermin vertraglich festhalten.",
    ),
    (
        "zwei Stellen im Fachamt sind unbesetzt",
        "Stellen neu ausschreiben; bis dahin Unterstützung durch die Stabsstelle Digitalisierung.",
    ),
    (
        "Nachforderungen aus der Datenschutzprüfung",
        "Datenschutz-Folgenabschätzung ergänzen und mit der Datenschutzbeauftragten abstimmen.",
    ),
    (
        "die Abstimmung mit dem Personalrat dauert länger als geplant",
        "Dienstvereinbarung im nächsten Gespräch mit dem Personalrat abschließen.",
    ),
    (
        "die Ausschreibung musste wiederholt werden",
        "Neue Vergabe mit angepasster Leistungsbeschreibung; Zeitplan im Lenkungskreis neu abstimmen.",
    ),
    (
        "Mehrkosten durch gestiegene Lizenzpreise",
        "Mehrbedarf zum nächsten Haushalt anmelden; Lizenzumfang prüfen.",
    ),
]
GOOD_NEWS = [
    "Die Meilensteine des Quartals wurden erreicht.",
    "Zeitplan und Budget werden eingehalten.",
    "Das Fachamt arbeitet gut mit; offene Fragen wurden im Lenkungskreis geklärt.",
]
PHASES = [(30, "Konzeption und Vergabe"), (70, "Umsetzung und Test"), (101, "Einführung und Schulung")]
