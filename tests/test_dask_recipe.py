"""The Dask recipe of the README ("Scaling out") runs as written and loses no record.

dask and distributed are not dependencies of govreport; the ``test`` extra installs them, so the
recipe runs in every test run: on the synchronous and threaded schedulers, and on a local
distributed Client.
"""
from pathlib import Path

import dask.bag as db
import dask.dataframe  # noqa: F401  (the bag's to_dataframe needs it)
import distributed
import pandas as pd
import pytest

import govreport
from govreport.models import RECORD_FIELDS

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


# ---- the recipe, as in dev/issue4_README.md ----------------------------------------------------

DTYPES = {f: "string" for f in RECORD_FIELDS} | {
    "start": "Int64", "end": "Int64", "year": "Int64",
    "value": "float64", "value_high": "float64", "value_base": "float64", "value_high_base": "float64",
}


def records_of(path):
    """One file's records as dicts; a file that cannot be read gives none (and says why)."""
    try:
        return [r.row() for r in govreport.extract_file(path)]
    except govreport.GovReportError as e:
        print(f"skipped: {e}")
        return []


def run_recipe(paths, out, **compute):
    meta = pd.DataFrame({f: pd.Series(dtype=t) for f, t in DTYPES.items()})
    frame = (db.from_sequence([str(p) for p in paths], npartitions=min(len(paths), 64))
             .map(records_of).flatten()
             .to_dataframe(meta=meta)
             .astype(DTYPES))
    frame.to_parquet(out, write_index=False, compute_kwargs=compute)


# ---- the checks -------------------------------------------------------------------------------

def plain_run(paths):
    return [r.row() for p in paths for r in govreport.extract_file(p)]


def keys(rows):
    return sorted((r["doc"], r["start"], r["end"], r["number"], r["indicator"]) for r in rows)


def check_same_as_plain(out, paths):
    got = pd.read_parquet(out)
    expected = plain_run(paths)
    assert len(got) == len(expected) > 0
    assert list(got.columns) == list(RECORD_FIELDS)
    assert keys(got.to_dict("records")) == keys(expected)
    assert set(got["doc"]) == {p.name for p in paths}


@pytest.mark.parametrize("scheduler", ["sync", "threads"])
def test_recipe_on_local_schedulers_matches_the_plain_run(tmp_path, scheduler):
    out = tmp_path / "records.parquet"
    run_recipe(SEEDS, out, scheduler=scheduler)
    check_same_as_plain(out, SEEDS)


def test_recipe_on_a_local_distributed_client(tmp_path):
    out = tmp_path / "records.parquet"
    # threads only: worker processes would spend longer starting than the seeds take to run
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None):
        run_recipe(SEEDS, out)
    check_same_as_plain(out, SEEDS)


def test_a_bad_file_in_the_bag_costs_only_its_own_records(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "records.parquet"
    run_recipe([SEEDS[0], empty], out, scheduler="sync")
    assert "empty.txt" in capsys.readouterr().out
    check_same_as_plain(out, [SEEDS[0]])
