"""The 25 rows of the reference page (TechEmpower's fortunes, cycled), one with markup to escape."""

FORTUNES = [
    "A computer scientist is someone who fixes things that aren't broken.",
    "After enough decimal places, nobody gives a damn.",
    "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
    "A computer program does what you tell it to do, not what you want it to do.",
    "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen",
    "Any program that runs right is obsolete.",
    "A list is only as strong as its weakest link. — Donald Knuth",
    "Feature: A bug with seniority.",
    "Computers make very fast, very accurate mistakes.",
    '<script>alert("This should not be displayed in a browser alert box.");</script>',
    "フレームワークのベンチマーク",
    "فرص التطوير متاحة للجميع",
]
ROWS = 25


def rows() -> list[tuple[int, str]]:
    return [(index + 1, f"{FORTUNES[index % len(FORTUNES)]} #{index + 1}") for index in range(ROWS)]
