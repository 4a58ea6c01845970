from tests.world import (  # noqa: F401
    de_restricted,
    embassy_de,
    embassy_pl,
    industry_user,
    own_project,
    pl_commitment,
    pl_restricted,
    plant,
)
