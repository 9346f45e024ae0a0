"""Digiplan's skills catalogue for municipal digital work (DESIGN.md §4 staffing).

This module ships the catalogue as plain data: skill categories, the skills themselves, a generic
five-step proficiency scale and a handful of typical municipal job roles with target levels. The
names and descriptions were written for this project in German and English; they are not taken
from any framework's text.

Where a competence of the European e-Competence Framework 3.0 (EN 16234-1) fits a skill well,
``SkillData.framework_code`` holds its code (for example ``"E.8"``); it is empty where none fits.

The module has no Django imports. A demo/data migration loads the catalogue into the staffing
models; ``check()`` asserts the invariants those models rely on.
"""

from typing import NamedTuple


class CategoryData(NamedTuple):
    code: str  # slug, e.g. "process"
    name_de: str
    name_en: str


class SkillData(NamedTuple):
    code: str  # slug, unique, e.g. "process-modelling"
    category: str  # a CategoryData.code
    name_de: str
    name_en: str
    description_de: str  # one or two sentences: what someone with this skill does in a municipality
    description_en: str
    framework_code: str  # e-CF 3.0 competence code like "A.4" / "B.1" / "E.8", or "" where none fits


class LevelData(NamedTuple):
    level: int  # 1–5
    name_de: str
    name_en: str
    descriptor_de: str  # what a person at this level can do (generic, applies to any skill)
    descriptor_en: str


CATEGORIES: list[CategoryData] = [
    CategoryData("process", "Prozessmanagement", "Process management"),
    CategoryData("records", "E-Akte und Schriftgutverwaltung", "E-files and records management"),
    CategoryData("it-operations", "IT-Betrieb", "IT operations"),
    CategoryData(
        "security",
        "Informationssicherheit und Datenschutz",
        "Information security and data protection",
    ),
    CategoryData("data", "Daten und Analyse", "Data and analytics"),
    CategoryData(
        "software",
        "Software, Integration und Schnittstellen",
        "Software, integration and interfaces",
    ),
    CategoryData("procurement", "Vergabe und Verträge", "Procurement and contracts"),
    CategoryData(
        "projects",
        "Projekt- und Veränderungsmanagement",
        "Project and change management",
    ),
    CategoryData(
        "services",
        "Nutzerzentrierte Servicegestaltung",
        "User-centred service design",
    ),
]


SKILLS: list[SkillData] = [
    # --- Prozessmanagement / process management -------------------------------------------------
    SkillData(
        "process-modelling",
        "process",
        "Prozessmodellierung mit BPMN",
        "Process modelling in BPMN",
        "Erhebt Verwaltungsabläufe in Interviews und Workshops und bildet sie als BPMN-Modelle ab, "
        "die Fachbereich, IT und Personalrat gleichermaßen verstehen.",
        "Captures administrative procedures in interviews and workshops and models them in BPMN "
        "so that the department, IT and the staff council can all follow them.",
        "E.5",
    ),
    SkillData(
        "process-analysis",
        "process",
        "Prozessanalyse und -optimierung",
        "Process analysis and improvement",
        "Untersucht Abläufe auf Medienbrüche, Doppelarbeit und Wartezeiten und entwickelt mit dem "
        "Fachbereich einen durchgängig digitalen Soll-Prozess.",
        "Examines procedures for switches between paper and screen, duplicated work and waiting "
        "times, and works with the department to design an end-to-end digital target process.",
        "E.5",
    ),
    SkillData(
        "fim",
        "process",
        "Arbeit mit FIM-Bausteinen",
        "Working with FIM building blocks",
        "Nutzt Leistungsbeschreibungen, Datenfelder und Referenzprozesse des Föderalen "
        "Informationsmanagements (FIM) und passt sie an die Abläufe vor Ort an.",
        "Uses the service descriptions, data fields and reference processes of Germany's Federal "
        "Information Management (FIM) and adapts them to local procedures.",
        "",
    ),
    SkillData(
        "workflow-automation",
        "process",
        "Workflow-Gestaltung und Prozessautomatisierung",
        "Workflow design and process automation",
        "Setzt abgestimmte Soll-Prozesse als Workflows im DMS oder auf einer Prozessplattform um, "
        "etwa für Rechnungsfreigaben oder Urlaubsanträge.",
        "Implements agreed target processes as workflows in the document management system or on a "
        "process platform, for example for invoice approval or leave requests.",
        "E.5",
    ),
    SkillData(
        "process-costing",
        "process",
        "Wirtschaftlichkeitsbetrachtung und Prozesskosten",
        "Cost-effectiveness analysis and process costing",
        "Ermittelt Fallzahlen und Bearbeitungszeiten, berechnet Prozesskosten und bewertet "
        "Digitalisierungsvorhaben nach der WiBe-Methode.",
        "Establishes case numbers and processing times, calculates process costs and assesses "
        "digitalisation projects with WiBe, the cost-effectiveness method of German public "
        "administration.",
        "",
    ),
    # --- E-Akte und Schriftgutverwaltung / e-files and records management -------------------------
    SkillData(
        "e-file",
        "records",
        "E-Akte einführen und nutzen",
        "Introducing and using the e-file",
        "Führt die elektronische Akte in einem Amt ein oder arbeitet im Alltag sicher mit ihr: "
        "Dokumente ablegen, Vorgänge anlegen, mitzeichnen und weiterleiten.",
        "Introduces the electronic file in a department, or works with it confidently day to day: "
        "filing documents, opening cases, adding approvals and passing work on.",
        "B.4",
    ),
    SkillData(
        "records-management",
        "records",
        "Schriftgutverwaltung und Aktenplan",
        "Records management and file plan",
        "Pflegt den Aktenplan, legt Aufbewahrungsfristen fest und sorgt dafür, dass Akten "
        "vollständig, nachvollziehbar und auffindbar geführt werden.",
        "Maintains the file plan, sets retention periods and makes sure records are kept "
        "complete, traceable and easy to find.",
        "D.10",
    ),
    SkillData(
        "scanning",
        "records",
        "Scannen und ersetzendes Scannen (TR-RESISCAN)",
        "Scanning and replacement scanning (TR-RESISCAN)",
        "Organisiert Posteingang und Digitalisierung von Papier so, dass die Scans nach "
        "TR-RESISCAN ihren Beweiswert behalten und das Papieroriginal vernichtet werden darf.",
        "Organises incoming post and the digitisation of paper so that scans meet TR-RESISCAN, "
        "keep their evidential value and allow the paper original to be destroyed.",
        "",
    ),
    SkillData(
        "e-signature",
        "records",
        "Elektronische Signatur und eIDAS-Vertrauensdienste",
        "Electronic signatures and eIDAS trust services",
        "Weiß, wann eine einfache, fortgeschrittene oder qualifizierte elektronische Signatur oder "
        "ein Siegel nötig ist, und richtet Signaturverfahren und Zeitstempel ein.",
        "Knows when a simple, advanced or qualified electronic signature or a seal is required, "
        "and sets up signing procedures and time stamps.",
        "",
    ),
    SkillData(
        "e-invoicing",
        "records",
        "E-Rechnung (XRechnung)",
        "E-invoicing (XRechnung)",
        "Richtet den Empfang und die Prüfung elektronischer Rechnungen im Format XRechnung ein und "
        "verbindet die Rechnungseingangsplattform mit dem Finanzverfahren.",
        "Sets up the receipt and checking of electronic invoices in the XRechnung format and "
        "connects the invoice portal to the finance system.",
        "",
    ),
    SkillData(
        "archiving",
        "records",
        "Aussonderung und digitale Archivierung",
        "Disposal and digital archiving",
        "Sondert elektronische Akten nach Ablauf der Aufbewahrungsfrist aus, bietet sie dem "
        "zuständigen Archiv an und stimmt Austauschformate wie xdomea ab.",
        "Selects electronic records for disposal once their retention period ends, offers them to "
        "the responsible archive and agrees exchange formats such as xdomea.",
        "D.10",
    ),
    # --- IT-Betrieb / IT operations ---------------------------------------------------------------
    SkillData(
        "workplace-support",
        "it-operations",
        "IT-Arbeitsplatzbetreuung",
        "Workplace IT support",
        "Richtet Arbeitsplatzrechner, Drucker und Mobilgeräte ein, hilft Beschäftigten bei "
        "Störungen und dokumentiert Anfragen im Ticketsystem.",
        "Sets up desktop computers, printers and mobile devices, helps staff when something stops "
        "working and logs requests in the ticketing system.",
        "C.1",
    ),
    SkillData(
        "server-network",
        "it-operations",
        "Server- und Netzwerkbetrieb",
        "Server and network operations",
        "Betreibt und überwacht Server, Speicher und das Netz der Verwaltung einschließlich der "
        "Außenstellen und stellt Datensicherung und Wiederherstellung sicher.",
        "Runs and monitors the administration's servers, storage and network, including branch "
        "offices, and makes sure backups and restores work.",
        "C.3",
    ),
    SkillData(
        "cloud-hosting",
        "it-operations",
        "Cloud-Dienste und Hosting",
        "Cloud services and hosting",
        "Bewertet, ob ein Dienst selbst betrieben, beim kommunalen IT-Dienstleister gehostet oder "
        "aus der Cloud bezogen wird, und steuert anschließend den Betrieb.",
        "Assesses whether a service should be run in-house, hosted by the municipal IT service "
        "provider or obtained from the cloud, and then oversees its operation.",
        "C.3",
    ),
    SkillData(
        "itsm",
        "it-operations",
        "IT-Service-Management nach ITIL",
        "IT service management (ITIL)",
        "Gestaltet Servicekatalog, Störungs- und Änderungsprozesse nach ITIL und vereinbart mit den "
        "Fachbereichen Servicezeiten und Reaktionszeiten.",
        "Shapes the service catalogue and the incident and change processes along ITIL lines, and "
        "agrees service hours and response times with departments.",
        "C.3",
    ),
    SkillData(
        "problem-management",
        "it-operations",
        "Problemmanagement und Ursachenanalyse",
        "Problem management and root-cause analysis",
        "Analysiert wiederkehrende Störungen, findet ihre Ursache und sorgt für dauerhafte "
        "Lösungen, statt nur Symptome zu beheben.",
        "Analyses recurring faults, finds their root cause and puts lasting fixes in place rather "
        "than just treating the symptoms.",
        "C.4",
    ),
    # --- Informationssicherheit und Datenschutz / information security and data protection -------
    SkillData(
        "security-policy",
        "security",
        "Sicherheitsleitlinie und Sicherheitskonzept",
        "Security policy and security concept",
        "Erarbeitet die Leitlinie zur Informationssicherheit und das Sicherheitskonzept der Kommune "
        "und bringt beide zur Freigabe durch die Verwaltungsleitung.",
        "Drafts the municipality's information security policy and security concept and takes "
        "both to senior management for approval.",
        "D.1",
    ),
    SkillData(
        "it-grundschutz",
        "security",
        "BSI IT-Grundschutz",
        "BSI IT-Grundschutz",
        "Modelliert den Informationsverbund nach IT-Grundschutz, führt den IT-Grundschutz-Check "
        "durch und verfolgt die Umsetzung, z. B. nach dem Profil „Basis-Absicherung "
        "Kommunalverwaltung“.",
        "Models the information domain using IT-Grundschutz, carries out the IT-Grundschutz check "
        "and tracks implementation, for example following the basic protection profile for local "
        "government.",
        "E.8",
    ),
    SkillData(
        "data-protection",
        "security",
        "Datenschutz nach DSGVO",
        "Data protection under the GDPR",
        "Prüft Verarbeitungen personenbezogener Daten, führt das Verzeichnis von "
        "Verarbeitungstätigkeiten, schließt Verträge zur Auftragsverarbeitung und erstellt bei "
        "Bedarf eine Datenschutz-Folgenabschätzung.",
        "Reviews how personal data is processed, keeps the record of processing activities, "
        "concludes data processing agreements and carries out data protection impact assessments "
        "where needed.",
        "E.3",
    ),
    SkillData(
        "incident-response",
        "security",
        "Behandlung von Sicherheitsvorfällen",
        "Security incident response",
        "Erkennt und bewertet Sicherheitsvorfälle wie Phishing oder Schadsoftware, leitet "
        "Sofortmaßnahmen ein, meldet sie an die zuständigen Stellen und wertet sie danach aus.",
        "Detects and assesses security incidents such as phishing or malware, takes immediate "
        "action, reports them to the relevant authorities and reviews them afterwards.",
        "E.8",
    ),
    SkillData(
        "business-continuity",
        "security",
        "Notfallmanagement (BSI-Standard 200-4)",
        "Business continuity management (BSI Standard 200-4)",
        "Plant, wie die Verwaltung bei Ausfall von IT, Gebäuden oder Personal handlungsfähig "
        "bleibt, und übt die Notfallpläne regelmäßig, etwa für einen Cyberangriff.",
        "Plans how the administration keeps working if IT, buildings or staff are lost, and "
        "rehearses the emergency plans regularly, for example for a cyber attack.",
        "E.3",
    ),
    SkillData(
        "security-awareness",
        "security",
        "Sicherheitsbewusstes Arbeiten und Sensibilisierung",
        "Security awareness",
        "Erkennt Phishing und andere Angriffe im Arbeitsalltag und geht sorgsam mit Passwörtern und "
        "Daten um; auf höheren Stufen plant sie oder er Schulungen und Phishing-Übungen.",
        "Recognises phishing and other attacks in daily work and handles passwords and data with "
        "care; at higher levels, plans awareness training and phishing exercises for staff.",
        "",
    ),
    # --- Daten und Analyse / data and analytics ---------------------------------------------------
    SkillData(
        "data-analysis",
        "data",
        "Datenanalyse und Auswertung",
        "Data analysis and reporting",
        "Bereitet Daten aus Fachverfahren, Haushalt und Statistik auf, wertet sie etwa mit "
        "Tabellenkalkulation, SQL oder Python aus und leitet belastbare Aussagen für Rat und "
        "Verwaltung ab.",
        "Prepares data from specialist applications, the budget and statistics, analyses it with "
        "tools such as spreadsheets, SQL or Python, and draws sound conclusions for the council and "
        "the administration.",
        "",
    ),
    SkillData(
        "bi-dashboards",
        "data",
        "Business Intelligence und Dashboards",
        "Business intelligence and dashboards",
        "Entwickelt Kennzahlen und Dashboards, etwa zu Bearbeitungszeiten oder Antragszahlen, und "
        "sorgt dafür, dass sie sich automatisch aktualisieren.",
        "Builds indicators and dashboards, for example on processing times or application numbers, "
        "and makes sure they update automatically.",
        "D.10",
    ),
    SkillData(
        "data-quality",
        "data",
        "Datenqualität und Stammdatenpflege",
        "Data quality and master data",
        "Legt Regeln für vollständige und widerspruchsfreie Daten fest, bereinigt Dubletten, etwa "
        "bei Adressen oder Geschäftspartnern, und überwacht die Qualität laufend.",
        "Sets rules for complete and consistent data, removes duplicates, for example in addresses "
        "or business partners, and monitors quality on an ongoing basis.",
        "",
    ),
    SkillData(
        "open-data",
        "data",
        "Offene Daten (Open Data)",
        "Open data",
        "Wählt geeignete Datensätze aus, prüft sie auf Personenbezug und Rechte Dritter, "
        "veröffentlicht sie mit Metadaten nach DCAT-AP.de und macht sie über GovData auffindbar.",
        "Selects suitable data sets, checks them for personal data and third-party rights, "
        "publishes them with DCAT-AP.de metadata and makes them findable through GovData.",
        "",
    ),
    SkillData(
        "geodata-gis",
        "data",
        "Geodaten und GIS",
        "Geodata and GIS",
        "Pflegt und analysiert raumbezogene Daten wie Bebauungspläne, Liegenschaften oder das "
        "Straßenkataster in einem Geoinformationssystem und stellt sie über Geodienste bereit.",
        "Maintains and analyses spatial data such as development plans, municipal property or the "
        "road register in a geographic information system and publishes it through map services.",
        "",
    ),
    # --- Software, Integration und Schnittstellen / software, integration and interfaces ----------
    SkillData(
        "specialised-procedures",
        "software",
        "Fachverfahrensbetreuung",
        "Administering specialist applications",
        "Betreut Fachverfahren wie Melde-, Finanz- oder Bauantragsverfahren: spielt Updates ein, "
        "pflegt Parameter und Berechtigungen und ist erste Anlaufstelle für Fachbereich und "
        "Hersteller.",
        "Looks after specialist applications such as the population register, finance or building "
        "permit systems: installs updates, maintains settings and permissions, and is the first "
        "point of contact for the department and the vendor.",
        "C.3",
    ),
    SkillData(
        "xoev-standards",
        "software",
        "Schnittstellen und XÖV-Standards",
        "Interfaces and XÖV standards",
        "Kennt die XÖV-Standards des eigenen Fachgebiets, z. B. XMeld, XBau oder XPersonenstand, "
        "und sorgt dafür, dass Nachrichten zwischen Fachverfahren und Behörden korrekt ankommen.",
        "Knows the XÖV standards of their field, such as XMeld, XBau or XPersonenstand, and makes "
        "sure messages between specialist applications and authorities arrive correctly.",
        "B.2",
    ),
    SkillData(
        "api-integration",
        "software",
        "API-Integration",
        "API integration",
        "Bindet Anwendungen über Programmierschnittstellen aneinander an, etwa Online-Dienste an das "
        "Fachverfahren oder das DMS, und überwacht die Datenflüsse.",
        "Connects applications through their APIs, for example online services to the specialist "
        "application or the document management system, and monitors the data flows.",
        "B.2",
    ),
    SkillData(
        "low-code",
        "software",
        "Low-Code-Entwicklung",
        "Low-code development",
        "Entwickelt kleine Fachanwendungen und Formulare auf einer Low-Code-Plattform, wo kein "
        "passendes Fachverfahren existiert, und dokumentiert sie so, dass andere sie weiterpflegen "
        "können.",
        "Builds small business applications and forms on a low-code platform where no suitable "
        "specialist application exists, and documents them so that others can maintain them.",
        "B.1",
    ),
    SkillData(
        "requirements",
        "software",
        "Anforderungsanalyse",
        "Requirements analysis",
        "Ermittelt gemeinsam mit dem Fachbereich, was eine Software leisten muss, und beschreibt die "
        "Anforderungen so, dass sie für Ausschreibung, Entwicklung und Abnahme taugen.",
        "Works out with the department what a piece of software has to do and writes the "
        "requirements down so that they serve for tendering, development and acceptance.",
        "D.11",
    ),
    SkillData(
        "testing",
        "software",
        "Test und Abnahme",
        "Testing and acceptance",
        "Plant Tests für neue Software und Updates, führt sie mit Key-Usern aus dem Fachbereich "
        "durch und bereitet die förmliche Abnahme vor.",
        "Plans tests for new software and updates, runs them with key users from the department "
        "and prepares the formal acceptance.",
        "B.3",
    ),
    # --- Vergabe und Verträge / procurement and contracts -----------------------------------------
    SkillData(
        "it-procurement",
        "procurement",
        "IT-Beschaffung und Vergaberecht",
        "IT procurement and public procurement law",
        "Wählt nach Haushalts- und Vergaberecht die passende Verfahrensart, führt die Vergabe über "
        "die Vergabeplattform durch und dokumentiert sie rechtssicher.",
        "Chooses the right procedure under budget and procurement law, runs the award through the "
        "e-procurement platform and documents it so that it stands up to review.",
        "D.4",
    ),
    SkillData(
        "tender-writing",
        "procurement",
        "Leistungsbeschreibung und Vergabeunterlagen",
        "Specifications and tender documents",
        "Schreibt produktneutrale Leistungsbeschreibungen, legt Eignungs- und Zuschlagskriterien "
        "fest und beantwortet Bieterfragen.",
        "Writes vendor-neutral specifications, sets suitability and award criteria and answers "
        "bidders' questions.",
        "D.4",
    ),
    SkillData(
        "evb-it",
        "procurement",
        "EVB-IT-Verträge",
        "EVB-IT contracts",
        "Wählt den passenden EVB-IT-Vertragstyp, etwa Kauf, Überlassung, Cloud oder System, füllt "
        "die Muster aus und regelt Service-Level, Mängelhaftung und Vertragsende.",
        "Picks the right EVB-IT contract type, such as purchase, licensing, cloud or system, "
        "completes the model contract and settles service levels, liability for defects and exit "
        "terms.",
        "D.8",
    ),
    SkillData(
        "vendor-management",
        "procurement",
        "Dienstleister- und Herstellersteuerung",
        "Supplier management",
        "Pflegt die Zusammenarbeit mit Herstellern und IT-Dienstleistern, etwa dem kommunalen "
        "Rechenzentrum, achtet auf vereinbarte Leistungen und klärt Eskalationen.",
        "Manages the working relationship with vendors and IT service providers, such as the "
        "municipal data centre, keeps an eye on agreed services and resolves escalations.",
        "E.4",
    ),
    SkillData(
        "market-research",
        "procurement",
        "Markterkundung und Produktbewertung",
        "Market research and product evaluation",
        "Verschafft sich vor einer Beschaffung einen Überblick über Lösungen am Markt und "
        "Nachnutzungsangebote, etwa EfA-Leistungen oder Open-Source-Software, und bewertet sie "
        "anhand klarer Kriterien.",
        "Before buying, surveys the solutions on the market and what can be reused, such as "
        "“one for all” (EfA) services or open-source software, and rates them against clear "
        "criteria.",
        "A.7",
    ),
    # --- Projekt- und Veränderungsmanagement / project and change management ----------------------
    SkillData(
        "digital-strategy",
        "projects",
        "Digitalisierungsstrategie",
        "Digital strategy",
        "Leitet aus den Zielen der Kommune eine Digitalisierungsstrategie ab, stimmt sie mit "
        "Verwaltungsspitze und Rat ab und schreibt sie regelmäßig fort.",
        "Derives a digital strategy from the municipality's goals, agrees it with the leadership "
        "and the council, and keeps it up to date.",
        "A.1",
    ),
    SkillData(
        "portfolio-management",
        "projects",
        "Projektportfoliosteuerung",
        "Project portfolio management",
        "Bewertet und priorisiert Digitalisierungsvorhaben nach Nutzen, Aufwand und rechtlicher "
        "Verpflichtung, etwa aus dem OZG, und behält Ressourcen und Abhängigkeiten im Blick.",
        "Assesses and prioritises digitalisation projects by benefit, effort and legal obligation, "
        "for example under the Online Access Act, and keeps track of resources and dependencies.",
        "E.2",
    ),
    SkillData(
        "classic-pm",
        "projects",
        "Klassisches Projektmanagement",
        "Traditional project management",
        "Plant Projekte mit Phasen, Meilensteinen und Budget, führt das Projektteam und berichtet an "
        "den Lenkungsausschuss.",
        "Plans projects with phases, milestones and a budget, leads the project team and reports "
        "to the steering committee.",
        "E.2",
    ),
    SkillData(
        "agile-pm",
        "projects",
        "Agiles Projektmanagement",
        "Agile project management",
        "Arbeitet in kurzen Iterationen mit Methoden wie Scrum oder Kanban, pflegt das Backlog "
        "gemeinsam mit dem Fachbereich und liefert früh nutzbare Zwischenergebnisse.",
        "Works in short iterations with methods such as Scrum or Kanban, maintains the backlog "
        "together with the department and delivers usable results early.",
        "E.2",
    ),
    SkillData(
        "change-management",
        "projects",
        "Veränderungsmanagement und Kommunikation",
        "Change management and communication",
        "Bezieht Beschäftigte und Personalrat frühzeitig ein, erklärt, was sich ändert und warum, "
        "und begleitet Teams durch die Umstellung.",
        "Involves staff and the staff council early, explains what is changing and why, and "
        "supports teams through the transition.",
        "E.7",
    ),
    SkillData(
        "training",
        "projects",
        "Kolleginnen und Kollegen schulen",
        "Training colleagues",
        "Erstellt Schulungen, Kurzanleitungen und Lernvideos, etwa zur E-Akte oder zu neuen "
        "Fachverfahren, und steht im eigenen Amt als Multiplikatorin oder Multiplikator bereit.",
        "Prepares training sessions, quick guides and short videos, for example on the e-file or "
        "new specialist applications, and is the go-to person for colleagues in their own "
        "department.",
        "D.3",
    ),
    # --- Nutzerzentrierte Servicegestaltung / user-centred service design -------------------------
    SkillData(
        "user-research",
        "services",
        "Nutzerforschung",
        "User research",
        "Findet durch Interviews, Beobachtung und Nutzertests heraus, was Bürgerinnen, Bürger und "
        "Unternehmen von einer Verwaltungsleistung brauchen und woran sie scheitern.",
        "Finds out through interviews, observation and usability tests what residents and "
        "businesses need from a public service and where they get stuck.",
        "D.11",
    ),
    SkillData(
        "service-design",
        "services",
        "Servicedesign",
        "Service design",
        "Gestaltet eine Verwaltungsleistung aus Sicht der Nutzenden vom ersten Kontakt bis zum "
        "Bescheid, über alle Zugangswege hinweg: online, telefonisch und im Bürgerbüro.",
        "Designs a public service from the user's point of view, from first contact to the final "
        "decision, across all channels: online, by phone and at the citizens' office.",
        "A.4",
    ),
    SkillData(
        "ozg-services",
        "services",
        "Online-Dienste nach dem OZG",
        "Online services under the Online Access Act (OZG)",
        "Richtet Online-Formulare und OZG-Leistungen ein, etwa nachgenutzte EfA-Dienste, und "
        "verbindet sie über FIT-Connect, Nutzerkonto und Bezahldienst mit dem Fachverfahren.",
        "Sets up online forms and OZG services, for example reused “one for all” (EfA) services, "
        "and connects them to the specialist application via FIT-Connect, the user account and "
        "the payment service.",
        "B.4",
    ),
    SkillData(
        "accessibility",
        "services",
        "Barrierefreiheit (BITV 2.0)",
        "Accessibility (BITV 2.0)",
        "Prüft Websites, Formulare und Dokumente auf Barrierefreiheit nach BITV 2.0 und EN 301 549, "
        "erstellt die Erklärung zur Barrierefreiheit und sorgt dafür, dass Mängel behoben werden.",
        "Checks websites, forms and documents for accessibility under BITV 2.0 and EN 301 549, "
        "writes the accessibility statement and makes sure problems get fixed.",
        "",
    ),
    SkillData(
        "plain-language",
        "services",
        "Verständliche Sprache und UX-Writing",
        "Plain language and UX writing",
        "Schreibt Formulare, Bescheide und Webtexte so, dass sie beim ersten Lesen verstanden "
        "werden, ohne rechtliche Genauigkeit zu verlieren, und weiß, wann Leichte Sprache nötig ist.",
        "Writes forms, official notices and web pages so that they are understood at first "
        "reading without losing legal precision, and knows when an Easy Read version is needed.",
        "",
    ),
    SkillData(
        "design-thinking",
        "services",
        "Design Thinking und Innovationsmethoden",
        "Design thinking and innovation methods",
        "Moderiert Workshops, in denen Teams ein Problem aus Nutzersicht verstehen, Ideen entwickeln "
        "und sie mit einfachen Prototypen schnell erproben.",
        "Facilitates workshops in which teams understand a problem from the user's side, develop "
        "ideas and try them out quickly with simple prototypes.",
        "A.9",
    ),
]


PROFICIENCY: list[LevelData] = [
    LevelData(
        1,
        "Grundkenntnisse",
        "Awareness",
        "Kennt die wichtigsten Begriffe, weiß, warum das Thema für die eigene Arbeit zählt, und "
        "weiß, wen sie oder er fragen kann.",
        "Knows the key terms, understands why the topic matters for their own work and knows whom to ask.",
    ),
    LevelData(
        2,
        "Anwendungskenntnisse",
        "Working knowledge",
        "Erledigt Routineaufgaben mit Anleitung oder Checkliste und erkennt, wann eine Aufgabe "
        "über das eigene Können hinausgeht.",
        "Handles routine tasks with guidance or a checklist and recognises when a task is beyond "
        "their own ability.",
    ),
    LevelData(
        3,
        "Selbstständige Anwendung",
        "Practitioner",
        "Bearbeitet übliche Aufgaben selbstständig und zuverlässig, löst auch unbekannte Fälle mit "
        "vertretbarem Aufwand und kann anderen die Grundlagen erklären.",
        "Carries out the usual tasks independently and reliably, handles unfamiliar cases with "
        "reasonable effort and can explain the basics to others.",
    ),
    LevelData(
        4,
        "Fortgeschrittene Kenntnisse",
        "Advanced",
        "Übernimmt schwierige und neue Aufgaben, berät Fachbereiche und Leitung, leitet andere an "
        "und verbessert Verfahren und Standards der Verwaltung.",
        "Takes on complex and new tasks, advises departments and management, guides others and "
        "improves the administration's procedures and standards.",
    ),
    LevelData(
        5,
        "Expertin/Experte",
        "Expert",
        "Ist über die eigene Kommune hinaus gefragt, gestaltet Lösungen für neue Fragestellungen, "
        "prägt Vorgaben und Strategie und gibt Wissen in Netzwerken weiter.",
        "Is sought after beyond their own municipality, shapes solutions to new problems, "
        "influences rules and strategy and shares knowledge across networks.",
    ),
]


# (code, name_de, name_en, [(skill code, target level), ...])
ROLE_PROFILES: list[tuple[str, str, str, list[tuple[str, int]]]] = [
    (
        "digital-guide",
        "Digitalisierungslotse/-lotsin",
        "Digitalisation guide",
        [
            ("process-analysis", 3),
            ("process-modelling", 2),
            ("e-file", 3),
            ("ozg-services", 2),
            ("change-management", 3),
            ("training", 3),
            ("user-research", 2),
            ("security-awareness", 2),
        ],
    ),
    (
        "process-manager",
        "Prozessmanager/in",
        "Process manager",
        [
            ("process-modelling", 4),
            ("process-analysis", 4),
            ("fim", 3),
            ("workflow-automation", 3),
            ("process-costing", 3),
            ("requirements", 3),
            ("change-management", 3),
            ("user-research", 2),
        ],
    ),
    (
        "it-administrator",
        "IT-Administrator/in",
        "IT administrator",
        [
            ("workplace-support", 4),
            ("server-network", 4),
            ("cloud-hosting", 3),
            ("itsm", 3),
            ("problem-management", 3),
            ("it-grundschutz", 3),
            ("incident-response", 3),
            ("specialised-procedures", 2),
        ],
    ),
    (
        "security-officer",
        "Informationssicherheitsbeauftragte/r",
        "Information security officer",
        [
            ("security-policy", 4),
            ("it-grundschutz", 5),
            ("incident-response", 4),
            ("business-continuity", 4),
            ("security-awareness", 4),
            ("data-protection", 3),
            ("itsm", 2),
            ("evb-it", 2),
        ],
    ),
    (
        "e-file-caseworker",
        "Sachbearbeitung mit E-Akte",
        "Caseworker using the e-file",
        [
            ("e-file", 3),
            ("records-management", 3),
            ("scanning", 2),
            ("e-signature", 2),
            ("data-protection", 2),
            ("security-awareness", 2),
            ("plain-language", 2),
        ],
    ),
    (
        "project-lead",
        "Projektleitung Digitalisierung",
        "Digitalisation project lead",
        [
            ("classic-pm", 4),
            ("agile-pm", 3),
            ("change-management", 4),
            ("portfolio-management", 2),
            ("digital-strategy", 2),
            ("requirements", 3),
            ("process-analysis", 3),
            ("tender-writing", 2),
            ("vendor-management", 3),
        ],
    ),
    (
        "data-analyst",
        "Datenanalyst/in",
        "Data analyst",
        [
            ("data-analysis", 4),
            ("bi-dashboards", 4),
            ("data-quality", 4),
            ("open-data", 3),
            ("geodata-gis", 2),
            ("api-integration", 2),
            ("data-protection", 3),
        ],
    ),
    (
        "it-procurement",
        "Sachbearbeitung IT-Vergabe",
        "IT procurement officer",
        [
            ("it-procurement", 4),
            ("tender-writing", 4),
            ("evb-it", 4),
            ("vendor-management", 3),
            ("market-research", 3),
            ("process-costing", 3),
            ("requirements", 2),
            ("data-protection", 2),
            ("accessibility", 2),
        ],
    ),
]


# The competences of the e-Competence Framework 3.0 that framework_code may name.
_ECF_CODES: frozenset[str] = frozenset(
    [f"A.{n}" for n in (1, 4, 6, 7, 9)]
    + [f"B.{n}" for n in range(1, 7)]
    + [f"C.{n}" for n in range(1, 5)]
    + [f"D.{n}" for n in range(1, 13)]
    + [f"E.{n}" for n in range(1, 10)]
)


def check() -> None:
    """Assert the catalogue's invariants; raises AssertionError on the first violation."""
    category_codes = [c.code for c in CATEGORIES]
    assert len(category_codes) == len(set(category_codes)), "duplicate category code"

    skill_codes = [s.code for s in SKILLS]
    assert len(skill_codes) == len(set(skill_codes)), "duplicate skill code"
    for skill in SKILLS:
        assert skill.category in category_codes, f"{skill.code}: unknown category {skill.category}"
        assert skill.framework_code in _ECF_CODES or skill.framework_code == "", (
            f"{skill.code}: unknown e-CF code {skill.framework_code!r}"
        )
        assert all((skill.code, skill.name_de, skill.name_en, skill.description_de, skill.description_en)), (
            f"{skill.code}: empty text"
        )
    for code in category_codes:
        assert any(s.category == code for s in SKILLS), f"category {code} has no skills"

    assert [lv.level for lv in PROFICIENCY] == [1, 2, 3, 4, 5], "levels must be 1–5, contiguous"

    profile_codes = [p[0] for p in ROLE_PROFILES]
    assert len(profile_codes) == len(set(profile_codes)), "duplicate role profile code"
    known_skills = set(skill_codes)
    for code, name_de, name_en, targets in ROLE_PROFILES:
        assert name_de and name_en, f"{code}: empty name"
        assert targets, f"{code}: no skills"
        profile_skills = [skill for skill, _ in targets]
        assert len(profile_skills) == len(set(profile_skills)), f"{code}: skill listed twice"
        for skill, level in targets:
            assert skill in known_skills, f"{code}: unknown skill {skill}"
            assert 1 <= level <= 5, f"{code}: level {level} for {skill} outside 1–5"


def install(*, SkillCategory, Skill, ProficiencyLevel) -> None:
    """Create or update the catalogue in these models (historical ones in the data migration; the
    demo calls it too, since a test database flushed between browser tests loses migration data)."""
    categories = {}
    for position, c in enumerate(CATEGORIES, start=1):
        categories[c.code], _ = SkillCategory.objects.update_or_create(
            code=c.code, defaults={"name_de": c.name_de, "name_en": c.name_en, "position": position}
        )
    for position, s in enumerate(SKILLS, start=1):
        Skill.objects.update_or_create(
            code=s.code,
            defaults={
                "category": categories[s.category],
                "name_de": s.name_de,
                "name_en": s.name_en,
                "description_de": s.description_de,
                "description_en": s.description_en,
                "framework_code": s.framework_code,
                "position": position,
            },
        )
    for p in PROFICIENCY:
        ProficiencyLevel.objects.update_or_create(
            level=p.level,
            defaults={
                "name_de": p.name_de,
                "name_en": p.name_en,
                "descriptor_de": p.descriptor_de,
                "descriptor_en": p.descriptor_en,
            },
        )
