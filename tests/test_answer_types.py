"""The kind of fact a question asks for, and whether a clause gives one."""

import pytest

from assistant.asking.answer_types import asked_type, dates_a_named_resolution, states


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Quel est le montant du budget annuel de la Cour ?", "amount"),
        ("What is the total amount of the budget?", "amount"),
        ("How much funding does the declaration commit to the alliance?", "amount"),
        ("What youth unemployment rate does the declaration report?", "amount"),
        ("Quel pourcentage du PIB faut-il consacrer à la protection sociale ?", "amount"),
        ("How much money will the facility have?", "amount"),
        ("What is the total?", "count"),
        ("How many members does the GGE have?", "count"),
        ("Combien d'États ont participé au groupe ?", "count"),
        ("Combien d'Etats ont participe au groupe ?", "count"),  # typed without accents
        ("What is the number of reports?", "count"),
        ("How long does the mandate last?", "duration"),
        ("Combien de temps dure le mandat ?", "duration"),
        ("Quelle est la durée du mandat ?", "duration"),
        ("What is the deadline for the OEWG's report?", "date"),
        ("En quelle année le groupe a-t-il été créé ?", "date"),
        ("By what date must the experts report?", "date"),
        ("En quelles années ont-ils été publiés ?", "date"),  # plural
        ("In which years did the GGE report?", "date"),
        ("Does 75/32 fix a date by which the expert group must finish?", "date"),
        ("Le projet fixe-t-il une date pour la fin des travaux ?", "date"),
        ("When will the Assembly take the question up again?", "time"),
        ("And when?", "time"),
        ("Et quand ?", "time"),
        ("Quand l'Assemblée décidera-t-elle des travaux futurs ?", "time"),
        ("Depuis quand le groupe existe-t-il ?", "time"),
        ("By when must the GGE report?", "time"),
        ("Does 75/32 say when the OEWG will report?", "time"),
        ("Le texte dit-il quand le groupe rendra son rapport ?", "time"),
        ("Where will the OEWG meet next?", "place"),
        ("Où se tiendra la prochaine session ?", "place"),
        ("D'après 75/32, où se tiendra la prochaine session ?", "place"),
        ("Dans quelle ville le groupe se réunit-il ?", "place"),
        ("Où s'est tenue la conférence sur l'eau ?", "place"),
        ("Où la conférence s’est-elle tenue ?", "place"),
        ("Où se sont déroulées les négociations ?", "place"),
        ("Où en est la mise en œuvre du programme ?", None),  # how far, not where
        ("Où en est la négociation qui se déroule à Genève ?", None),
        ("Where does the expert group hold its sessions?", "place"),
        ("Which country hosts the working group?", "place"),  # a place, not any State
        ("Quel pays a accueilli les réunions du groupe ?", "place"),
        ("Who hosts the negotiations?", None),  # a body, not a place
        ("Le projet accueille-t-il le Groupe d'experts ?", None),  # welcomes
        ("When was resolution 73/266 adopted?", "date"),  # a day, not a session
        ("Quand la résolution 36/103 a-t-elle été adoptée ?", "date"),
        ("De quand date la résolution 36/103 ?", "date"),
        ("La résolution fixe-t-elle un délai pour ratifier le traité ?", "date"),
        ("Which country chairs the GGE?", "country"),
        ("Quel pays a proposé la création du groupe ?", "country"),
        ("Quels États mettent au point des technologies militaires ?", "country"),
        ("Selon le projet, quand le Groupe de travail doit-il rendre ses conclusions ?", "time"),
        ("According to 75/32, when will the OEWG report?", "time"),
        # asking for no such fact
        ("Le projet, quand il parle de paix, cite-t-il la Charte ?", None),  # "when it …"
        ("Where does the draft speak of human rights?", None),  # where in the text
        ("Où le projet parle-t-il des droits de l'homme ?", None),
        ("D'après 75/32, où se poursuivent des débats constructifs ?", None),  # which forum
        ("Le GGE ou le Groupe de travail se réunira-t-il ?", None),  # "ou": "or"
        ("What should States be guided by when using ICTs?", None),
        ("Où en sont les travaux du groupe ?", None),
        ("Que dit 75/32 quand on parle de ça ?", None),
        ("What does 75/32 say about the GGE's reports?", None),
        ("Which reports did the experts write?", None),
        # statements, as in a pasted paragraph
        ("Measures that could help increase the number of qualified teachers", None),
        ("the duration of compulsory schooling must be determined", None),
    ],
)  # fmt: skip
def test_the_kind_of_fact_asked_for(question, kind):
    found = asked_type(question)
    assert (found.name if found else None) == kind


def _type(question):
    found = asked_type(question)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("clause", "gives"),
    [
        ("qui comprend tous les États Membres", True),
        ("vingt et un États ont présenté le projet", True),
        ("un groupe de 25 experts", True),
        ("plusieurs Etats mettent au point des technologies", True),
        # numbers that count nothing
        ("Rappelant ses résolutions 53/70 du 4 décembre 1998 et 73/27", False),
        ("les rapports de 2010, 2013 et 2015", False),
        ("en raison de la pandémie de maladie à coronavirus 2019 (COVID-19)", False),
        ("à sa soixante-seizième session", False),  # an ordinal
        ("dont le mandat est défini au paragraphe 3 de ladite résolution", False),
        ("Point 93 de l’ordre du jour", False),
    ],
)  # fmt: skip
def test_a_count_is_a_number_that_counts_something(clause, gives):
    assert states(_type("How many?"), clause) is gives


@pytest.mark.parametrize(
    ("question", "clause", "gives"),
    [
        ("When?", "à sa soixante-seizième session", True),
        ("When?", "à l’issue de ces processus, et qu’elle décidera ensuite", True),
        ("When?", "efforts déployés les années précédentes", True),
        ("When?", "avant que les prochaines étapes soient envisagées", True),
        ("When?", "Se félicite du lancement du processus de négociation", False),
        ("What is the deadline?", "les rapports de 2010, 2013 et 2015", True),
        ("What is the deadline?", "le 4 décembre", True),
        ("What is the deadline?", "à l’issue de ces processus", False),  # a time, no date
        ("How long?", "pour une période de deux ans", True),
        ("How long?", "dont le mandat est défini au paragraphe 3", False),
        ("Where will it be held?", "la session se tiendra à Genève", True),
        ("Where will it be held?", "au Siège de l’Organisation", True),
        ("Where will it be held?", "des interruptions dans le calendrier des réunions", False),
        # a year in a name dates nothing
        ("When?", "en raison de la pandémie de maladie à coronavirus 2019 (COVID-19)", False),
        ("When?", "le Programme de développement durable à l’horizon 2030", False),
        ("When?", "la pandémie de COVID-19, en 2020", True),
    ],
)  # fmt: skip
def test_a_time_a_date_a_duration_a_place(question, clause, gives):
    assert states(_type(question), clause) is gives


_SPONSORS = "Algérie, Angola, Bélarus, Bolivie (Etat plurinational de), Cambodge, Chine et Cuba"
_RECALLED = "Rappelant ses résolutions 53/70 du 4 décembre 1998, 54/49 du 1er décembre 1999, "
_RECALLED += "55/28 du 20 novembre 2000, 56/19 du 29 novembre 2001 et 57/53 du 22 novembre 2002"
_LATE = "… 73/27 du 5 décembre 2018, 73/266 du 22 décembre 2018"
_EARLY = "… 36/103 du 9 décembre 1981, 43/78 H du 7 décembre 1988"


@pytest.mark.parametrize(
    ("question", "clause", "gives"),
    [
        ("How many countries sponsored the draft?", _SPONSORS, True),  # the reader counts them
        ("Combien de pays parrainent le projet ?", _SPONSORS, True),
        ("Combien d'États ont présenté le projet ?", _SPONSORS, True),
        ("How many resolutions does 75/32 recall?", _RECALLED, True),
        # a list of something else counts nothing asked
        ("How many votes did the draft receive?", _SPONSORS, False),
        ("How many votes did 75/32 receive?", _RECALLED, False),
        ("How many countries sponsored the draft?", _RECALLED, False),
        ("Combien de pays ?", "un environnement ouvert, sûr, stable, accessible", False),
    ],
)  # fmt: skip
def test_a_list_of_names_or_resolutions_gives_their_count(question, clause, gives):
    assert states(_type(question), clause, question) is gives


@pytest.mark.parametrize(
    ("clause", "gives"),
    [
        ("plusieurs Etats mettent au point des technologies numériques", True),
        ("le développement durable de tous les pays", True),
        (_SPONSORS, True),
        ("Se félicite des travaux constructifs qui se poursuivent au sein du Groupe", False),
    ],
)  # fmt: skip
def test_a_country_is_named_or_spoken_of(clause, gives):
    assert states(_type("Which country chairs the GGE?"), clause) is gives


@pytest.mark.parametrize(
    ("question", "clause", "dates"),
    [
        ("When was resolution 73/266 adopted?", _LATE, True),
        ("When was 43/78 adopted?", _EARLY, True),
        ("When was resolution 73/266 adopted?", "… 73/27 du 5 décembre 2018", False),
        ("When was resolution 73/266 adopted?", "en application de sa résolution 73/266", False),
        ("When was it adopted?", _RECALLED, False),  # no resolution named
    ],
)  # fmt: skip
def test_the_paragraph_that_dates_a_resolution_named(question, clause, dates):
    assert dates_a_named_resolution(question, clause) is dates


@pytest.mark.parametrize(
    ("clause", "stated"),
    [
        ("with initial resources of 5 million United States dollars;", True),
        ("to reach the target of 0.7 per cent of gross national income for ODA;", True),
        ("a pledge of €2.5 billion", True),
        ("to increase the percentage of women in decision-making;", False),
        ("almost 4 billion people still lack access to social protection", False),
        ("Rappelant que 20 % des ressources…", True),
        ("the Programme of Action for the Decade 2024–2034 and its six priority areas;", False),
        ("at its eighty-first session, under the item entitled …;", False),
    ],
)
def test_a_sum_or_a_share_is_stated_by_money_or_a_percentage(clause, stated):
    assert states(asked_type("How much funding does it commit?"), clause) is stated


@pytest.mark.parametrize(
    ("clause", "stated"),
    [
        ("We, the Heads of State, met in Awaza, Turkmenistan, from 5 to 8 August", True),
        ("to be held in Victoria Falls, Zimbabwe, in July", True),
        ("réunis à Doha (Qatar) du 4 au 6 novembre", True),
        ("the meetings of the Parties, to be held in Armenia in 2026", True),
        ("invites all States to participate in the meetings of the Conference;", False),
        ("Encourages cooperation in Africa, Asia and Latin America;", False),
        ("investment in Member States, United Nations entities and others;", False),
    ],
)
def test_a_place_is_stated_by_a_named_town_and_country(clause, stated):
    assert states(asked_type("Where will the conference be held?"), clause) is stated


def test_a_rate_asked_about_is_no_figure_asked_for():
    assert asked_type("What about the rate of maternal mortality?") is None
    assert asked_type("What is the rate of maternal mortality?").name == "amount"
