"""Word classes the analyzer counts: pronouns, fillers, quantities, markers, hedges.

These are closed classes of English (pronouns, number words, fillers) or the marker
words people type before a component, not component rules: which component a clause
belongs to is decided by the trained model.
"""

from __future__ import annotations

import functools
import re

FIRST_SINGULAR = frozenset(["i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"])
FIRST_PLURAL = frozenset(
    ["we", "us", "our", "ours", "ourselves", "we're", "we've", "we'd", "we'll", "let's"]
)

# Words that only ever fill (um) and phrases that fill in speech (you know).
FILLER_WORDS = frozenset(["um", "uh", "uhm", "umm", "erm", "er", "ah", "hmm", "mm"])
FILLER_PHRASES = (
    "you know",
    "i mean",
    "kind of",
    "sort of",
    "basically",
    "literally",
)
# "like" fills when it is not a verb or a comparison: "it was like um", "and like we".
_LIKE_FILLER = re.compile(
    r"(?:^|(?<=[\s,]))like(?=[\s,])(?!\s+(?:a|an|the|this|that|these|those|it|them|him|her|"
    r"to|when|how|what|before|i|we|you|they|he|she|\w+ing)\b)",
)
_LIKE_VERB_BEFORE = re.compile(
    r"(?:would|'d|d|looks?|looked|looking|seems?|seemed|feels?|felt|sounds?|sounded|"
    r"something|anything|nothing|things?|more|less|much|just|not|didn't|don't|i|we|they|you)"
    r"\s+$"
)

NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen
    fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
    seventy eighty ninety hundred hundreds thousand thousands million millions billion
    billions dozen dozens half halved double doubled doubling triple tripled quadrupled
    twice thrice quarter quarters percent percentage""".split()
)
_QUANTITY = re.compile(
    r"\d|%|\$|€|£|\b\d*x\b|\b(?:" + "|".join(sorted(NUMBER_WORDS)) + r")\b|\bfold\b",
    re.IGNORECASE,
)

# Marker words typed before a component ("Outcome:"), mapped to the component they name.
MARKERS = {
    "situation": "situation",
    "context": "situation",
    "background": "situation",
    "setting": "situation",
    "the situation": "situation",
    "problem": "situation",
    "task": "task",
    "my task": "task",
    "role": "task",
    "my role": "task",
    "goal": "task",
    "my goal": "task",
    "responsibility": "task",
    "objective": "task",
    "mandate": "task",
    "action": "action",
    "actions": "action",
    "what i did": "action",
    "approach": "action",
    "steps": "action",
    "execution": "action",
    "result": "result",
    "results": "result",
    "outcome": "result",
    "outcomes": "result",
    "impact": "result",
    "bottom line": "result",
    "lesson": "lesson",
    "lessons": "lesson",
    "lesson learned": "lesson",
    "lessons learned": "lesson",
    "learning": "lesson",
    "learnings": "lesson",
    "takeaway": "lesson",
    "takeaways": "lesson",
    "key takeaway": "lesson",
    "reflection": "lesson",
    "what i learned": "lesson",
}
_MARKER = re.compile(
    r"^[\s*_#>\-•]*(?P<word>"
    + "|".join(sorted((re.escape(m) for m in MARKERS), key=len, reverse=True))
    + r")[\s*_]*(?::|\s[-–—]\s)",
    re.IGNORECASE,
)

# Hypothetical framing: "I would", "I'd", "I will", "you should".
_HYPOTHETICAL = re.compile(
    r"\b(?:i|we|you)\s+(?:would|will|could|might|should)\b|\b(?:i'd|we'd|i'll|we'll)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:i|we)\s+(?:\w+ed|was|were|had|did|made|built|ran|took|found|got|went|saw|set|put|"
    r"wrote|led|told|gave|began|chose|knew|thought|brought|spent|sent|kept|left|met|paid|"
    r"pulled|shipped|trained)\b|\bwhen i\b|\blast (?:year|quarter|month)\b",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=4096)
def has_quantity(text: str) -> bool:
    """A digit, a percentage, money, a multiplier or a number word (cached: the features,
    the presence model and the flags all ask it of the same units)."""
    return bool(_QUANTITY.search(text))


# A fraction told in words as an amount: "dropped by about a third", "a fifth of the
# alerts", "down to a quarter and...". Not "a third party" or "a third option".
_FRACTION = re.compile(
    r"\b(?:a|one|two|three|four|five|six|seven|eight|nine)\s+"
    r"(?:third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)s?\b"
    r"(?=\s+of\b|\s*[.,;:!?)]|\s+(?:and|but|so|in|over|within|after)\b|\s*$)",
    re.IGNORECASE,
)


def states_quantity(text: str) -> bool:
    """What a reader counts as a measured outcome: `has_quantity`, or a fraction in words.

    The flags, follow-ups and score use this. The models' features keep `has_quantity`,
    which their shipped weights were trained on.
    """
    return has_quantity(text) or bool(_FRACTION.search(text))


def marker_at_start(text: str) -> str | None:
    """The component a leading marker names ("Result: ..." gives "result"), if any."""
    match = _MARKER.match(text)
    return MARKERS[match.group("word").lower()] if match else None


def count_fillers(text: str) -> int:
    """Fillers in speech: um, uh, you know, I mean, basically, and "like" used as filler."""
    lowered = " " + re.sub(r"[^\w'\s]", " ", text.lower()) + " "
    tokens = lowered.split()
    count = sum(1 for t in tokens if t in FILLER_WORDS)
    for phrase in FILLER_PHRASES:
        count += len(re.findall(rf"(?<=\s){re.escape(phrase)}(?=\s)", lowered))
    for match in _LIKE_FILLER.finditer(lowered):
        if not _LIKE_VERB_BEFORE.search(lowered[: match.start()]):
            count += 1
    return count


def pronoun_counts(text: str) -> tuple[int, int]:
    """(first person singular, first person plural) word counts."""
    tokens = re.findall(r"[a-z']+", text.lower().replace("’", "'"))
    singular = sum(1 for t in tokens if t in FIRST_SINGULAR)
    plural = sum(1 for t in tokens if t in FIRST_PLURAL)
    return singular, plural


@functools.lru_cache(maxsize=16)
def hypothetical_share(text: str) -> float:
    """Share of hypothetical framings among hypothetical and past-tense statements (cached:
    the features, the presence model and the flags all ask it of the same answer)."""
    hypothetical = len(_HYPOTHETICAL.findall(text))
    past = len(_PAST.findall(text))
    total = hypothetical + past
    return hypothetical / total if total else 0.0


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Broad word classes given to the component model as features, so that what it learns
# from "recall rose" carries over to "latency fell". The model weighs them; they decide
# nothing by themselves.
WORD_CLASSES: dict[str, frozenset[str]] = {
    "outcome": _words(
        """increased decreased dropped drop fell fall rose rise grew grow improved improve
        reduced reduce cut saved save lifted boosted doubled halved shrank climbed jumped
        recovered stopped stabilised stabilized launched shipped adopted adoption agreed
        approved accepted shelved cancelled canceled scrapped won lost paid delivered hit
        reached exceeded beat missed became ended resulted result outcome impact went came
        stayed held avoided prevented caught flagged now-runs promoted happier happy
        relieved pleased satisfied thanked praised liked loved trusted afterwards afterward
        eventually ultimately finally consequently outcome renewed signed"""
    ),
    "metric": _words(
        """accuracy recall precision auc f1 latency throughput revenue cost costs churn
        conversion ctr click-through retention engagement loss losses error errors rate
        rates mae rmse mape ndcg uplift lift savings incidents complaints tickets nps
        satisfaction uptime p95 p99 percent points score scores metric metrics kpi"""
    ),
    "reflection": _words(
        """learned learnt lesson lessons realised realized taught takeaway hindsight
        nowadays always never anymore habit default whenever going forward today ever
        mistake wish remember rule principle lesson-learned believe learned"""
    ),
    "responsibility": _words(
        """owned own owner ownership responsible responsibility job role task tasked asked
        assigned goal mandate charge expected accountable volunteered brief remit mission
        objective deliverable hired brought"""
    ),
    "context": _words(
        """company startup team teams org organisation organization platform product
        customers users business market wanted assumed existing legacy quarter year
        years previous last ago background context was were had"""
    ),
    "act": _words(
        """built trained wrote ran set pulled analyzed analysed designed implemented
        proposed added removed created deployed tested compared measured sliced
        investigated traced dug rewrote refactored talked met presented showed paired
        reviewed replaced switched tuned benchmarked prototyped labelled labeled collected
        sampled simulated computed fixed retrained migrated documented scheduled convinced
        argued explained started decided chose spent gathered interviewed asked called
        checked found noticed discovered looked built-in reran split sat walked drafted"""
    ),
    "hypothetical": _words("would 'd will could might should i'd we'd i'll we'll"),
    "filler": _words("um uh erm er like basically actually honestly literally yeah okay"),
}

# Vocabulary of ML methods, models, data and metrics: an Action with almost none of it
# reads as thin to an ML interviewer.
TECHNICAL_TERMS = _words(
    """model models modelling modeling feature features dataset datasets data label labels
    labelled labeled labelling labeling training train trained retrained retrain retraining
    validation holdout split splits test tests a/b experiment experiments baseline
    baselines benchmark benchmarked metric metrics auc roc f1 precision recall accuracy
    latency throughput loss calibration calibrated threshold thresholds embedding
    embeddings classifier classification regression logistic linear xgboost lightgbm
    catboost gbm gradient boosting boosted forest tree trees neural network networks cnn
    rnn lstm transformer transformers bert gpt llm llms fine-tune fine-tuned fine-tuning
    finetuned prompt prompts retrieval rag vector index faiss pipeline pipelines etl sql
    spark airflow kafka feature-store inference serving deployed deploy deployment shadow
    canary rollback monitoring drift dashboard dashboards shap lime ablation
    hyperparameter hyperparameters tuning tuned sampling sampled oversampling
    undersampling augmentation annotation annotators schema backfill backtest backtested
    backtesting simulation simulated forecast forecasting ranking ranker recommender
    clustering cluster anomaly detector detection segmentation optimiser optimizer
    quantised quantized distillation distilled pruning onnx gpu gpus cpu batch streaming
    real-time kubernetes docker mlflow notebook notebooks python pytorch tensorflow
    scikit-learn sklearn pandas numpy jax cuda api apis logs logging telemetry ci
    unit-test regression-test leakage leak leaking overfitting overfit underfitting
    variance bias debiasing fairness parity confusion matrix cohort cohorts slice sliced
    slicing stratified cross-validation k-fold bayesian causal uplift bandit bandits
    reinforcement policy reward rewards ndcg mrr map mae rmse mape perplexity bleu rouge
    tokenizer tokenization vocabulary ocr asr vision image images audio text nlp cv
    queries query features-store heuristics heuristic rule rules regex sql-query
    attribution propensity survival arima prophet time-series timeseries isolation
    autoencoder gan diffusion contrastive siamese triplet knn nearest-neighbour hnsw
    feature-engineering imputation normalisation normalization encoding one-hot
    evaluation evaluate evaluated offline online distribution distributions traffic
    sample samples dataset-shift shift holdout-set ground-truth annotations recsys
    classifier-threshold scoring score scores scored predictions prediction predicted
    predict probability probabilities confidence interval intervals p-value significance
    significant statistically variance-reduction cuped power sql-queries warehouse
    bigquery snowflake redshift s3 parquet schema-change upstream downstream features-
    latency-budget profiling profiled quantization int8 fp16 gpu-hours cost-per-query"""
)
