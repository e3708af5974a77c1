"""Run each task in a process of its own, forked from this one, a few at a time, in the order given.

Why not a process pool: a pool's worker lives on from task to task, so it must collect the garbage
of one WeasyPrint document before the next (measured: 0.6 s for a book of the real data, 60 ms
for a batch of 8 fiches), or keep it in memory. A process that ends frees everything at once. And
forking per task lets every task start from what the parent loaded once: WeasyPrint, the fonts,
the stylesheet, the published practices. concurrent.futures cannot do this: its
max_tasks_per_child refuses the fork start method.

Cyclic garbage collection is off in the task processes: they end before their garbage matters.
"""
from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import traceback
from collections.abc import Callable


class TaskFailed(Exception):
    """A task raised something that could not be sent back as it was; the message holds its traceback."""


def run(function: Callable, tasks: list[tuple], processes: int) -> list:
    """`function(*task)` for every task, at most `processes` at once; the results in the tasks' order.

    The first task that raises stops the others, and its exception is raised here.
    """
    context = multiprocessing.get_context("fork")
    results: list = [None] * len(tasks)
    waiting = list(enumerate(tasks))
    running: dict = {}  # reading end of a task's pipe -> (index, process)
    try:
        while waiting or running:
            while waiting and len(running) < max(1, processes):
                index, task = waiting.pop(0)
                reader, writer = context.Pipe(duplex=False)
                process = context.Process(target=_child, args=(writer, function, task), daemon=True)
                process.start()
                writer.close()
                running[reader] = (index, process)
            for reader in multiprocessing.connection.wait(list(running)):
                index, process = running.pop(reader)
                try:
                    status, value = reader.recv()
                except EOFError:
                    process.join()
                    raise TaskFailed(f"task {tasks[index]!r} ended without a result (exit code {process.exitcode})") from None
                finally:
                    reader.close()
                process.join()
                if status == "error":
                    raise value
                results[index] = value
    finally:
        for _, process in running.values():
            process.terminate()
            process.join()
    return results


def _child(writer, function: Callable, task: tuple) -> None:
    gc.disable()
    try:
        outcome = ("ok", function(*task))
    except BaseException as error:  # noqa: BLE001 (sent to the parent, which raises it)
        outcome = ("error", error)
    try:
        writer.send(outcome)
    except Exception:  # the result or the exception does not pickle
        writer.send(("error", TaskFailed("".join(traceback.format_exception(outcome[1])) if outcome[0] == "error"
                                         else f"the result of {task!r} could not be sent: {traceback.format_exc()}")))
    finally:
        writer.close()
