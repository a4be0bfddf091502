"""The exploration notebook runs from top to bottom, so it never rots.

nbclient, nbformat and ipykernel come with the ``test`` extra. The kernel is the
``python3`` kernelspec; jupyter_client starts it with the interpreter running
this test, so the venv's govreport is the one imported.
"""
from __future__ import annotations

from pathlib import Path

import ipykernel  # noqa: F401  (the kernel the notebook runs in)
import nbclient
import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def test_explore_notebook_runs():
    nb = nbformat.read(NOTEBOOKS / "explore.ipynb", as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "round trip ok" in text
    assert "comparable series" in text  # the summary table printed
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 1, "the attainment plot is shown once"


CORPUS = NOTEBOOKS.parent.parent / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repository")
def test_targets_notebook_runs_and_shows_each_figure_once():
    nb = nbformat.read(NOTEBOOKS / "targets_across_regions.ipynb", as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    outputs = [o for c in code for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"], "warnings while running"
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "16 provinces" in text
    # three plots, each shown exactly once (the figure is the cell's value, never also drawn by pyplot)
    per_cell = [sum("image/png" in o.get("data", {}) for o in c.get("outputs", [])) for c in code]
    assert sum(per_cell) == 3 and max(per_cell) == 1
    tables = "".join(o.get("data", {}).get("text/plain", "") for o in outputs)
    assert "5%—5.5%" in tables and "7.5%" in tables   # 安徽省 2026 and the national 2012 GDP targets
