from __future__ import annotations

from summarizer.digest.model import LISTED
from summarizer.digest.parties import PartyGroup, PartyUnifier
from summarizer.schema import Evidence, EvidenceStatus, Party, PartyKind

PERSON = PartyKind.PERSON
ORG = PartyKind.ORGANIZATION
GROUP = PartyKind.GROUP
ARMED = PartyKind.ARMED_GROUP


def _party(
    name: str,
    kind: PartyKind = PartyKind.STATE,
    *aliases: str,
    role: str = "",
    country: str | None = None,
    code: str | None = None,
) -> Party:
    return Party(
        id=name.lower().replace(" ", "-"),
        name=name,
        kind=kind,
        aliases=list(aliases),
        role=role or None,
        affiliation=None,
        affiliation_id=None,
        country_code=country,
        cameo_code=code,
        evidence=[],
    )


def _unify(*parties: Party) -> PartyUnifier:
    unifier = PartyUnifier()
    for article, party in enumerate(parties, 1):
        unifier.add(article, party)
    unifier.resolve_surnames()
    return unifier


def _groups(*parties: Party) -> list[PartyGroup]:
    return _unify(*parties).parties


def _names(*parties: Party) -> list[tuple[str, list[int]]]:
    return [(g.name, g.articles) for g in _groups(*parties)]


def test_a_country_is_one_party_under_its_names_demonyms_and_capital() -> None:
    (us,) = _groups(
        _party("US"),
        _party("Washington", PartyKind.STATE, "United States"),
        _party("U.S."),
        _party("America", ORG),
    )
    assert us.name == "United States" and us.country == "USA"
    assert us.articles == [1, 2, 3, 4]
    assert us.names == ["US", "Washington", "United States", "America"]
    assert us.kind is PartyKind.STATE


def test_a_person_is_one_party_under_full_name_title_and_an_unambiguous_surname() -> None:
    (austin,) = _groups(
        _party("Austin", PERSON, role="Defense Secretary"),
        _party("Lloyd Austin", PERSON, role="defense secretary"),
        _party("Secretary Austin", PERSON, role="US Defense Secretary"),
        _party("Lloyd J. Austin", PERSON),
    )
    assert austin.name == "Lloyd J. Austin"  # the fullest name
    assert austin.roles == ["defense secretary", "US Defense Secretary"]
    assert austin.articles == [1, 2, 3, 4]
    assert austin.article_count == 4


def test_different_first_names_are_different_people() -> None:
    # Tim Morrison (NSC), Scott Morrison (Australian PM) and a town mayor.
    assert _names(
        _party("Tim Morrison", PERSON, role="NSC official"),
        _party("Scott Morrison", PERSON, role="Australian Prime Minister", country="AUS"),
        _party("John Morrison", PERSON, role="mayor"),
        _party("John Williams", PERSON, role="president of the New York Fed"),
        _party("Jennifer Williams", PERSON, role="aide to the vice president"),
    ) == [
        ("Tim Morrison", [1]),
        ("Scott Morrison", [2]),
        ("John Morrison", [3]),
        ("John Williams", [4]),
        ("Jennifer Williams", [5]),
    ]


def test_a_surname_the_batch_leaves_ambiguous_stays_apart() -> None:
    groups = _groups(
        _party("Tim Morrison", PERSON),
        _party("Morrison", PERSON),
        _party("Scott Morrison", PERSON),
    )
    assert [(g.name, g.articles) for g in groups] == [
        ("Tim Morrison", [1]),
        ("Morrison", [2]),
        ("Scott Morrison", [3]),
    ]


def test_a_surname_joins_the_one_full_name_of_its_country() -> None:
    groups = _groups(
        _party("Tim Morrison", PERSON, country="USA"),
        _party("Morrison", PERSON, role="Australian Prime Minister", country="AUS"),
        _party("Scott Morrison", PERSON, country="AUS"),
    )
    assert [(g.name, g.articles) for g in groups] == [
        ("Tim Morrison", [1]),
        ("Scott Morrison", [2, 3]),
    ]


def test_a_relative_sharing_a_surname_is_not_the_same_person() -> None:
    # A briefing that wrongly lists "Hunter Biden" as an alias of Joe Biden does not
    # make Hunter Biden, named alone elsewhere, into Joe Biden.
    groups = _groups(
        _party("Joe Biden", PERSON, "Biden", "Hunter Biden", role="former vice president"),
        _party("Hunter Biden", PERSON, role="son of Joe Biden"),
        _party("Joe Biden", PERSON),
    )
    assert [(g.name, g.names, g.articles) for g in groups] == [
        ("Joe Biden", ["Joe Biden", "Biden"], [1, 3]),
        ("Hunter Biden", ["Hunter Biden"], [2]),
    ]


def test_people_of_different_countries_stay_apart() -> None:
    assert _names(
        _party("Kim Jong Un", PERSON, country="PRK"),
        _party("Kim Jong Un", PERSON, country="KOR"),
        _party("Kim Jong Un", PERSON),
    ) == [("Kim Jong Un", [1, 3]), ("Kim Jong Un", [2])]


def test_people_sharing_a_first_name_stay_apart() -> None:
    assert [
        g.name
        for g in _groups(
            _party("Kim Jong Un", PERSON),
            _party("Kim Yo Jong", PERSON),
            _party("Kim", PERSON),
        )
    ] == ["Kim Jong Un", "Kim Yo Jong", "Kim"]


def test_persons_and_others_are_never_one_party() -> None:
    groups = _groups(_party("Jordan"), _party("Jordan", PERSON), _party("Jordan", ORG))
    assert [(g.name, g.person, g.articles) for g in groups] == [
        ("Jordan", False, [1, 3]),
        ("Jordan", True, [2]),
    ]


def test_an_acronym_joins_the_full_name_whose_initials_it_is() -> None:
    (nato,) = _groups(
        _party("NATO", ORG),
        _party("North Atlantic Treaty Organization", ORG),
        _party("NATO", ORG),
    )
    assert nato.name == "NATO"
    assert nato.articles == [1, 2, 3]


def test_the_un_is_not_the_us_navy() -> None:
    assert _names(
        _party("United Nations", ORG, "U.N.", code="IGOUNO"),
        _party("U.S. Navy", ORG, country="USA", code="USAMIL"),
        _party("U.N.", ORG),
        _party("US Navy", ORG),
    ) == [("United Nations", [1, 3]), ("U.S. Navy", [2, 4])]


def test_an_actor_code_joins_names_no_rule_would() -> None:
    (un,) = _groups(
        _party("United Nations", ORG, code="IGOUNO"),
        _party("the world body", ORG, code="IGOUNO"),
    )
    assert un.articles == [1, 2] and un.code == "IGOUNO"


def test_a_sector_code_joins_nothing() -> None:
    # Every US military body is USAMIL: the code does not say which.
    assert _names(
        _party("U.S. Navy", ORG, code="USAMIL"),
        _party("Pentagon", ORG, code="USAMIL"),
    ) == [("U.S. Navy", [1]), ("Pentagon", [2])]


def test_different_actor_codes_keep_parties_apart() -> None:
    assert (
        len(
            _groups(
                _party("Council", ORG, code="IGOUNO"),
                _party("Council", ORG, code="IGOEUREEC"),
            )
        )
        == 2
    )


def test_roles_never_join_parties() -> None:
    assert (
        len(
            _groups(
                _party("Antony Blinken", PERSON, role="Secretary of State"),
                _party("Mike Pompeo", PERSON, role="Secretary of State"),
            )
        )
        == 2
    )


def test_an_affiliation_counts_only_with_a_membership_role() -> None:
    unifier = PartyUnifier()
    biden = unifier.add(1, _party("Joe Biden", PERSON, role="Trump's leading Democratic rival"))
    trump = unifier.add(1, _party("Donald Trump", PERSON))
    expert = unifier.add(1, _party("Victor Cha", PERSON, role="North Korea expert"))
    korea = unifier.add(1, _party("North Korea"))
    assert not unifier.affiliate(biden, trump, "Trump's leading Democratic rival")
    assert not unifier.affiliate(expert, korea, "North Korea expert")
    assert unifier.affiliate(expert, korea, "North Korean envoy")
    assert not unifier.affiliate(expert, korea, "US envoy to North Korea")
    assert not biden.affiliations and expert.affiliations == {korea.index: 1}


def test_the_usual_name_is_the_most_frequent() -> None:
    (group,) = _groups(
        _party("Hamas", PartyKind.ARMED_GROUP, "Islamic Resistance Movement"),
        _party("Islamic Resistance Movement", PartyKind.ARMED_GROUP, "Hamas"),
        _party("Hamas", PartyKind.ARMED_GROUP),
    )
    assert group.name == "Hamas"
    assert group.kind is PartyKind.ARMED_GROUP
    assert [m[0] for m in group.mentions] == [1, 2, 3]


def test_a_party_keeps_a_bounded_list_and_a_full_count() -> None:
    unifier = PartyUnifier()
    for article in range(1, 1001):
        unifier.add(article, _party("United States"))
        unifier.add(article, _party("Washington"))
    (us,) = unifier.parties
    assert us.article_count == 1000
    assert len(us.mentions) == LISTED and us.articles == list(range(1, LISTED // 2 + 1))


def _said(party: Party, *passages: str) -> Party:
    """``party`` with evidence passages, as an article wrote them."""
    evidence = [
        Evidence(quote=p, start=0, end=len(p), text=p, status=EvidenceStatus.EXACT, score=100)
        for p in passages
    ]
    return party.model_copy(update={"evidence": evidence})


def test_middle_names_that_differ_are_different_people() -> None:
    # A father and son: the same first name and surname, told apart by middle initials.
    assert _names(
        _party("George H. W. Bush", PERSON, country="USA"),
        _party("George W. Bush", PERSON, country="USA"),
        _party("George Walker Bush", PERSON),
        _party("George Herbert Walker Bush", PERSON),
    ) == [("George H. W. Bush", [1, 4]), ("George W. Bush", [2, 3])]


def test_a_generational_suffix_is_another_person() -> None:
    assert _names(
        _party("Donald Trump", PERSON),
        _party("Donald Trump Jr.", PERSON),
        _party("Donald J. Trump", PERSON),
        _party("Donald Trump Jr", PERSON),
    ) == [("Donald J. Trump", [1, 3]), ("Donald Trump Jr.", [2, 4])]


def test_spellings_of_one_name_are_one_person() -> None:
    assert _names(
        _party("Kim Jong-un", PERSON),
        _party("Kim Jong Un", PERSON),
        _party("Bashar al-Assad", PERSON),
        _party("Bashar Assad", PERSON),
    ) == [("Kim Jong Un", [1, 2]), ("Bashar al-Assad", [3, 4])]


def test_a_bare_name_joins_a_hyphenated_surname_or_a_family_name_written_first() -> None:
    assert _names(
        _party("Bashar al-Assad", PERSON),
        _party("Assad", PERSON),
        _party("Xi Jinping", PERSON),
        _party("President Xi", PERSON),
        _party("Xi", PERSON),
    ) == [("Bashar al-Assad", [1, 2]), ("Xi Jinping", [3, 4, 5])]


def test_a_collective_named_by_a_common_noun_is_several_actors_never_one() -> None:
    # "the police" of Paris and of Kabul are different actors, counted under one name
    # and marked as such; "forces", a coalition's shorter name, is no name of others.
    groups = _groups(
        _said(_party("Police", GROUP), "French police clashed with protesters."),
        _said(_party("Police", GROUP), "Police fired into the air as police fought protesters."),
        _said(_party("Government", GROUP), "the government withdrew the tax"),
        _said(_party("Government", GROUP), "Talks with the government failed."),
        _said(_party("Coalition forces", GROUP, "forces"), "Coalition forces left Kabul."),
        _said(_party("Forces", GROUP), "US forces in Japan"),
        _said(_party("Government", ORG), "said the Government would"),
    )
    assert [(g.name, g.articles, g.common_noun) for g in groups] == [
        ("Police", [1, 2], True),
        ("Government", [3, 4], True),
        ("Coalition forces", [5], True),
        ("Forces", [6], True),
        ("Government", [7], False),
    ]


def test_a_collective_of_one_country_or_a_people_named_as_such_is_one_party() -> None:
    assert _names(
        _said(_party("Russian troops", GROUP, country="RUS"), "Moscow said Russian troops left."),
        _said(_party("Russian troops", GROUP, country="RUS"), "Russian troops withdrew."),
        _said(_party("Kurds", GROUP), "Turkey attacked Kurds in Syria."),
        _said(_party("Kurds", GROUP), "Talks between the Kurds and Damascus stalled."),
        _said(_party("Troops", GROUP), "the troops left"),
    ) == [("Russian troops", [1, 2]), ("Kurds", [3, 4]), ("Troops", [5])]


def test_a_state_joins_by_its_iso_code_whatever_it_is_called() -> None:
    (iran,) = _groups(
        _party("the Islamic Republic", country="IRN"),
        _party("Iran"),
        _party("Tehran's rulers", country="IRN"),
    )
    assert iran.name == "Iran" and iran.articles == [1, 2, 3]


def test_codes_of_different_countries_keep_an_acronym_apart() -> None:
    # "UN" are the initials of "Ukrainian Navy" too; the codes say one is an IGO.
    assert _names(
        _party("United Nations", ORG, "UN", code="IGOUNO"),
        _party("Ukrainian Navy", ORG, country="UKR", code="UKRMIL"),
        _party("UN", ORG, code="IGOUNO"),
    ) == [("United Nations", [1, 3]), ("Ukrainian Navy", [2])]


def test_a_gloss_in_brackets_is_no_part_of_an_acronym() -> None:
    # The Algerian Umma (Nation) party is not the U.N.
    assert _names(
        _party("United Nations", ORG, "UN", code="IGOUNO"),
        _party("Umma (Nation)", ORG),
    ) == [("United Nations", [1]), ("Umma (Nation)", [2])]


def test_a_national_body_is_one_party_however_the_country_is_placed() -> None:
    assert _names(
        _party("Turkish Constitutional Court", ORG),
        _party("Constitutional Court of Turkey", ORG),
        _party("Turkey's Constitutional Court", ORG),
        _party("Constitutional Court of Ukraine", ORG),
    ) == [("Constitutional Court of Turkey", [1, 2, 3]), ("Constitutional Court of Ukraine", [4])]


def test_a_bare_word_does_not_join_a_longer_name_of_a_non_person() -> None:
    # The Pakistani Taliban (TTP) are not the Afghan Taliban.
    assert len(_groups(_party("Taliban", ARMED), _party("Pakistani Taliban", ARMED))) == 2


def test_a_person_named_by_an_office_is_no_one_person_across_articles() -> None:
    groups = _unify(
        _party("the President", PERSON),
        _party("the President", PERSON),
        _party("Secretary of State", PERSON, country="USA"),
        _party("US Secretary of State", PERSON),
        _party("Chinese Foreign Minister", PERSON),
        _party("Foreign Minister", PERSON, country="JPN"),
        _party("Japan's Foreign Minister", PERSON),
        _party("Antony Blinken", PERSON, role="Secretary of State"),
    ).parties
    assert [(g.name, g.articles, g.country, g.common_noun) for g in groups] == [
        ("the President", [1, 2], None, True),
        ("Secretary of State", [3, 4], "USA", False),
        ("Chinese Foreign Minister", [5], "CHN", False),
        ("Japan's Foreign Minister", [6, 7], "JPN", False),
        ("Antony Blinken", [8], None, False),
    ]


def test_an_office_with_a_persons_name_is_that_person() -> None:
    assert _names(
        _party("Chinese Foreign Minister", PERSON, "Wang Yi"),
        _party("Wang Yi", PERSON),
        _party("Major", PERSON),
        _party("John Major", PERSON),
    ) == [("Wang Yi", [1, 2]), ("John Major", [3, 4])]


def test_a_namesake_of_a_country_placed_in_another_is_not_that_state() -> None:
    assert _names(
        _party("Georgia"),
        _party("Georgia", ORG, country="USA"),
        _party("Tbilisi"),
    ) == [("Georgia", [1, 3]), ("Georgia", [2])]


def test_a_collective_is_one_party_however_its_name_gives_its_country() -> None:
    assert [
        (g.name, g.articles, g.country, g.common_noun)
        for g in _groups(
            _said(_party("US officials", GROUP), "US officials said"),
            _said(_party("American officials", GROUP), "American officials said"),
            _said(_party("officials", GROUP), "officials said"),
        )
    ] == [
        ("American officials", [1, 2], "USA", False),
        ("officials", [3], None, True),
    ]


def test_a_role_written_in_lower_case_is_an_office_not_a_persons_name() -> None:
    groups = _groups(
        _party("a spokesman", PERSON),
        _party("the spokesman", PERSON),
        _party("Pentagon spokesman", PERSON),
        _party("Pentagon spokesman", PERSON),
        _party("Hamas leader", PERSON),
        _party("Stephen King", PERSON),
        _party("King", PERSON),
    )
    assert [(g.name, g.articles, g.common_noun) for g in groups] == [
        ("a spokesman", [1, 2], True),
        ("Pentagon spokesman", [3, 4], False),
        ("Hamas leader", [5], False),
        ("Stephen King", [6, 7], False),
    ]


def test_a_surname_with_its_particles_is_a_bare_name() -> None:
    # "al-Assad" is Bashar al-Assad's surname alone; "bin Salman" a patronymic, and
    # "Salman" alone King Salman's name, not the crown prince's.
    assert _names(
        _party("Bashar al-Assad", PERSON),
        _party("al-Assad", PERSON),
        _party("Assad", PERSON),
        _party("Mohammed bin Salman", PERSON),
        _party("bin Salman", PERSON),
        _party("King Salman", PERSON),
        _party("Ursula von der Leyen", PERSON),
        _party("von der Leyen", PERSON),
    ) == [
        ("Bashar al-Assad", [1, 2, 3]),
        ("Mohammed bin Salman", [4, 5]),
        ("King Salman", [6]),
        ("Ursula von der Leyen", [7, 8]),
    ]
