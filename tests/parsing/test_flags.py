"""Yes/no facts, negations, task types and motives."""

import pytest

from bot.case import Motive


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        (
            "The bot must answer from our Zendesk macros, which change weekly.",
            "needs_knowledge",
            True,
        ),
        ("It should cite the policy section it used.", "needs_knowledge", True),
        (
            "Every reply must be under 300 characters and in our brand voice.",
            "style_consistency",
            True,
        ),
        ("Output has to match our JSON schema exactly.", "style_consistency", True),
        ("Response time matters a lot, it's a live voice call.", "latency_sensitive", True),
        ("It has to answer in under 150ms.", "latency_sensitive", True),
        ("not latency sensitive at all, it runs overnight", "latency_sensitive", False),
        ("Latency isn't a concern, it's a queue.", "latency_sensitive", False),
        ("Customers rate each answer with a thumbs up or down.", "preference_data", True),
        ("We have 4k chosen/rejected pairs from our editors.", "preference_data", True),
        ("No thumbs-up style feedback, just labels.", "preference_data", False),
        ("It has to run on our own hardware, nothing may leave the building.", "self_hosted", True),
        ("PHI can't go to external APIs.", "self_hosted", True),
        ("no on-prem requirement, cloud is fine", "self_hosted", False),
        ("We're fine with using OpenAI's API.", "self_hosted", False),
        ("Our legal team reviews NDAs.", "specialized_domain", True),
        ("the terminology is very specialized", "specialized_domain", True),
        ("It's everyday vocabulary, nothing specialized.", "specialized_domain", False),
    ],
)
def test_yes_no_facts_are_read_with_their_negations(read, text, fact, value) -> None:
    assert getattr(read(text).facts, fact) is value


@pytest.mark.parametrize(
    "text",
    [
        "hey, we want to use AI for customer support somehow",
        "thoughts on our plan?",
        "We're a 40-person startup in Lisbon.",
    ],
)
def test_nothing_is_invented_from_vague_text(read, text) -> None:
    assert read(text).facts.known() == {}


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("We want to pull shipment details out of carrier emails.", "extraction"),
        ("Sort incoming resumes into yes / maybe / no.", "classification"),
        ("Generate release notes from our commit messages.", "generation"),
        ("Condense long support threads into a 3-line recap.", "summarization"),
        ("Employees ask questions about our travel policy.", "question_answering"),
        ("A shopping assistant that chats with customers.", "conversation"),
        ("Inline code completion in our IDE plugin.", "code"),
        ("We localize app strings from English into Japanese.", "translation"),
    ],
)
def test_task_type_is_read(read, text, task) -> None:
    assert read(text).facts.task_type.value == task


@pytest.mark.parametrize(
    ("text", "motive"),
    [
        ("Our CEO wants to fine-tune so the model knows all our product docs.", Motive.TEACH_FACTS),
        ("Can we fine-tune it to stop it making things up?", Motive.REDUCE_HALLUCINATIONS),
        ("Can fine-tuning make it smarter at math?", Motive.MAKE_SMARTER),
        ("Token costs are killing us: $40k a month.", Motive.COST),
    ],
)
def test_motives_are_read(read, text, motive) -> None:
    assert motive in read(text).motives


def test_teach_facts_needs_fine_tuning_on_the_table(read) -> None:
    assert Motive.TEACH_FACTS not in read("The model should know our product docs.").motives


def test_skip_in_a_reply_asks_for_the_advice_now(read) -> None:
    assert read("We classify tickets.", "no idea, just tell me what you'd do").skipped


def test_evidence_quotes_the_users_own_words(read) -> None:
    state = read("Hi!\nWe get about two thousand tickets per week. Thanks")
    evidence = state.evidence["requests_per_day"]
    assert evidence.quote == "We get about two thousand tickets per week."
    assert state.turns[0][evidence.start : evidence.end] == evidence.quote


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("we tried prompting and it works well enough", "prompting_exhausted", False),
        ("no, the style can vary", "style_consistency", False),
        ("the quality is mixed", "data_quality", "mixed"),
        ("yes, it is specialized", "specialized_domain", True),
        ("no, it does not need our own documents", "needs_knowledge", False),
    ],
)
def test_short_answers_as_people_type_them_are_read(read, text, fact, value) -> None:
    got = getattr(read(text).facts, fact)
    assert (got.value if hasattr(got, "value") else got) == value


def test_every_quick_answer_records_its_fact() -> None:
    from bot.advisor import Advisor

    advisor = Advisor()
    for question in advisor.rulebook.questions:
        for answer in question.quick_answers:
            state = advisor.reply(
                advisor.start("We do a thing."), answer.reply, about=question.fact
            )
            assert getattr(state.facts, question.fact) is not None, (question.fact, answer.reply)
