"""Work split over forked processes: the same results as in one process, whatever a child does."""

import os

import pytest

from tui import forked
from tui.forked import map_forked, split

needs_fork = pytest.mark.skipif(not forked.can_fork(), reason="this system does not fork")


@pytest.mark.parametrize("items, parts", [(list(range(10)), 3), (list(range(3)), 5), ([], 4), (list(range(7)), 1)])
def test_split_keeps_order_and_leaves_no_slice_empty(items, parts):
    slices = split(items, parts)
    assert [item for piece in slices for item in piece] == items
    assert len(slices) == max(1, min(parts, len(items)))
    assert all(slices) or items == []
    assert max(map(len, slices)) - min(map(len, slices)) <= 1


@needs_fork
def test_chunks_after_the_first_are_computed_in_children():
    parent = os.getpid()
    results = map_forked(lambda chunk: (os.getpid(), [n * n for n in chunk]), split(list(range(20)), 4))
    assert [squares for _, squares in results] == [[n * n for n in part] for part in split(list(range(20)), 4)]
    pids = [pid for pid, _ in results]
    assert pids[0] == parent and parent not in pids[1:] and len(set(pids)) == 4


@needs_fork
@pytest.mark.parametrize("failure", ["raise", "exit", "unpicklable"])
def test_a_failing_child_has_its_chunk_computed_here(failure):
    parent = os.getpid()

    def work(chunk):
        if os.getpid() != parent:
            if failure == "raise":
                raise RuntimeError("only in the child")
            if failure == "exit":
                os._exit(3)
            return lambda: chunk  # a result pickle refuses
        return sum(chunk)

    assert map_forked(work, [[1, 2], [3, 4], [5]]) == [3, 7, 5]


def test_an_error_in_this_process_is_raised_and_no_child_is_left(tmp_path):
    parent = os.getpid()

    def work(chunk):
        if os.getpid() == parent:
            raise ValueError("bad input")
        return chunk

    with pytest.raises(ValueError, match="bad input"):
        map_forked(work, [[1], [2], [3]])
    with pytest.raises(ChildProcessError):  # every child was waited for
        os.waitpid(-1, os.WNOHANG)
