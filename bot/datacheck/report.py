"""The data check's report: counts and line numbers, never the text of a row.

This model is the JSON of ``advisor data check --json`` and the ``data`` object of
``advisor advise --data FILE --json`` (README, "Checking training data"). The only words
from the file it may hold are label names (classification): at most
:data:`MAX_REPORTED_LABELS` of them, shortened to :data:`MAX_LABEL_CHARS` characters.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from bot.datacheck.shapes import DataFormat
from bot.datacheck.sources import FileType

MAX_LABEL_CHARS = 60
MAX_REPORTED_LABELS = 100
"""The report names at most this many labels, the largest first."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Problem(_Frozen):
    line: int = Field(description="where the row starts, counting from 1")
    error: str


class Repeats(_Frozen):
    rows: int = Field(description="rows that repeat an input already seen")
    lines: list[int] = Field(description="the first of them, by line")


class SmallestClass(_Frozen):
    label: str
    rows: int


class LabelStats(_Frozen):
    counts: dict[str, int] = Field(
        description="unique valid examples per label, largest first (at most 100 labels)"
    )
    classes: int = Field(
        description="distinct labels; past 1,000 the rest count as one (and a warning says so)"
    )
    smallest: SmallestClass
    imbalance_ratio: float = Field(description="largest class / smallest class")
    top_two_share: float = Field(description="share of the examples in the two largest classes")
    truncated: bool = Field(description="counts does not name every label")


class TrainingCost(_Frozen):
    model: str
    price_per_million: float
    epochs: int
    cost: float


class TokenStats(_Frozen):
    approximation: str = Field(description="how tokens were counted")
    mean: float = Field(description="per unique valid example")
    p95: int
    total: int
    training_cost: list[TrainingCost]
    currency: str | None = None
    prices_read: date | None = None


class PiiCounts(_Frozen):
    """Rows holding each kind of personal data, among all rows that parse (valid or not)."""

    email: int
    phone: int
    card: int
    iban: int
    rows_with_any: int
    warning: str | None = None


class SplitSizes(_Frozen):
    train: int
    validation: int
    test: int
    seed: int
    stratified_by: str | None = Field(description="'label' for classification, else null")


class DataReport(_Frozen):
    """What a training-data file holds, measured."""

    file: str = Field(description="the file's name, without its folder")
    file_type: FileType
    format: DataFormat
    rows: int = Field(description="rows read (blank lines not counted)")
    valid: int
    invalid_rows: int
    invalid: list[Problem] = Field(description="the first problems, by line")
    complete: bool = Field(description="false when reading stopped early (a broken JSON list)")
    duplicates: Repeats
    conflicts: Repeats
    unique_valid: int = Field(description="valid rows less duplicates and conflicts")
    labels: LabelStats | None = None
    preference_pairs: int | None = None
    tokens: TokenStats
    pii: PiiCounts
    split: SplitSizes
    warnings: list[str] = Field(default_factory=list)

    @property
    def repeated_share(self) -> float:
        """Duplicates plus conflicts, as a share of the valid rows (0 when none is valid)."""
        if not self.valid:
            return 0.0
        return (self.duplicates.rows + self.conflicts.rows) / self.valid
