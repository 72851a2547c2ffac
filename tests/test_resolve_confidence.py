from mapapp.resolve.confidence import confidence, place_prior, with_prior
from mapapp.model import Place


def place(name, kind, population=0, layer="world", names=()):
    return Place(f"x:{name}", name, kind, 0.0, 0.0, names=names or (name,), population=population, layer=layer)


def test_sorts_of_names_are_trusted_in_order():
    curated = place_prior("rafah", place("Rafah", "city", layer="local"))
    country = place_prior("france", place("France", "country"))
    city = place_prior("maiduguri", place("Maiduguri", "city", 1_100_000))
    town = place_prior("tarvin", place("Tarvin", "town", 2_500))
    alternate = place_prior("chen", place("Chenzhou", "town", 50_000, names=("Chenzhou", "Chen")))
    assert curated > country > city > town > alternate
    # a common word or a given name is less often the place
    assert place_prior("reading", place("Reading", "city", 300_000)) < city
    assert place_prior("victoria", place("Victoria", "admin1")) < place_prior("ontario", place("Ontario", "admin1"))


def test_confidence_scales_with_how_sure_resolution_is():
    paris = place("Paris", "city", 2_000_000)
    assert confidence("paris", paris, 1.0) > confidence("paris", paris, 0.6) > 0
    assert confidence("paris", paris, 1.0) <= 1.0


def test_confidence_from_a_prior_already_worked_out_is_the_same_rounded_product():
    town = place("Tarvin", "town", 2_500)
    prior = place_prior("tarvin", town)
    assert with_prior(prior, 0.777) == confidence("tarvin", town, 0.777) == round(prior * 0.777, 3)
    assert with_prior(0.5, 0.5) == 0.25
