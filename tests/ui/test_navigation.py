from casework.ui.navigation import History, Place, PlaceKind


def household(n):
    return Place(PlaceKind.HOUSEHOLD, f"h{n}")


def test_back_and_forward_walk_the_visited_places():
    history = History()
    for n in range(3):
        history.visit(household(n))
    assert history.back() == household(1)
    assert history.back() == household(0)
    assert history.back() is None
    assert history.forward() == household(1)
    assert history.forward() == household(2)
    assert history.forward() is None


def test_visiting_a_new_place_drops_the_forward_list():
    history = History()
    history.visit(household(0))
    history.visit(household(1))
    history.back()
    history.visit(Place(PlaceKind.RENTAL_HOUSING, "r1"))
    assert not history.can_go_forward()
    assert history.back() == household(0)


def test_visiting_the_current_place_again_does_not_add_a_step():
    history = History()
    history.visit(household(0))
    history.visit(household(0))
    assert not history.can_go_back()


def test_history_is_bounded():
    history = History(limit=5)
    for n in range(20):
        history.visit(household(n))
    steps = 0
    while history.back() is not None:
        steps += 1
    assert steps == 5
