"""What claimdesk changes in Textual (:mod:`tui.perf.textual_settings`) still changes something.

Each test fails when a Textual upgrade takes away what an override relies on, rather than
letting the override silently stop working (or stop mattering) behind a green suite.
"""

from __future__ import annotations

import textual._wait
import textual.constants
import textual.screen
from textual.reactive import Reactive
from textual.widget import Widget

from tests.conftest import PILOT_SLICE
from tui.app.screens.search import QueryInput
from tui.app.widgets.hit_list import HitList
from tui.perf.overrides import OwnScrollBarView
from tui.perf.textual_settings import FRAMES_PER_SECOND


def test_the_tests_paint_at_the_apps_frame_rate() -> None:
    """conftest sets TEXTUAL_FPS before Textual loads; Textual still reads it there."""
    assert int(FRAMES_PER_SECOND) == textual.constants.MAX_FPS
    assert 1 / int(FRAMES_PER_SECOND) == textual.screen.UPDATE_PERIOD


def test_pilot_still_sleeps_in_the_slices_the_tests_set() -> None:
    """conftest shortens Pilot's idle check (PILOT_SLICE); Textual must still read the two
    module globals it sets, at each call, or the tests silently wait 4× longer again."""
    assert textual._wait.SLEEP_GRANULARITY == PILOT_SLICE
    assert {"SLEEP_GRANULARITY", "SLEEP_IDLE"} <= set(textual._wait.wait_for_idle.__code__.co_names)


def test_virtual_size_is_still_a_reactive_that_lays_out_the_screen() -> None:
    """Ours repaints only; Textual's own must still be a layout reactive to override."""
    textual_own = Widget.__dict__.get("virtual_size") or next(
        vars(cls)["virtual_size"] for cls in Widget.__mro__ if "virtual_size" in vars(cls)
    )
    assert isinstance(textual_own, Reactive) and textual_own._layout
    for widget in (QueryInput, HitList):
        ours = vars(widget)["virtual_size"]
        assert isinstance(ours, Reactive) and not ours._layout, widget


def test_the_hit_list_still_hooks_textual_s_wheel_check() -> None:
    """The hit list draws its own scroll bar, so it answers Textual's question of whether the
    wheel may scroll; the question must still be asked by that name."""
    assert isinstance(vars(Widget)["allow_vertical_scroll"], property)
    assert isinstance(vars(OwnScrollBarView)["allow_vertical_scroll"], property)
    assert issubclass(HitList, OwnScrollBarView)
    # (test_app_search's mouse-wheel test shows the wheel scrolling the hits through it)


def test_the_footer_still_builds_on_textuals_private_footer_keys() -> None:
    """:mod:`tui.app.widgets.desk_footer` yields Textual's ``FooterKey`` and ``FooterLabel``
    (private, ``textual.widgets._footer``) with the arguments Textual's own footer passes."""
    import inspect

    from textual.widgets._footer import FooterKey, FooterLabel

    params = list(inspect.signature(FooterKey.__init__).parameters)
    assert params[1:6] == ["key", "key_display", "description", "action", "disabled"]
    assert "tooltip" in params
    assert issubclass(FooterLabel, Widget)
