"""Briefing on a Ray cluster (the ``briefing[ray]`` extra).

:class:`BriefingMapper` is the map class to compose into your own Ray Data pipeline::

    import ray
    from summarizer import Settings
    from summarizer.ray import BriefingMapper

    ds = ray.data.read_parquet("s3://news/2024/")  # a "text" column, and "id", "url"…
    results = ds.map_batches(
        BriefingMapper,
        fn_constructor_kwargs={"settings": Settings(engine="offline")},
        compute=ray.data.ActorPoolStrategy(size=8),  # actors; each loads spaCy once
        num_cpus=1,
        batch_size=16,
        batch_format="pyarrow",
    )
    results.write_parquet("s3://news-briefings/2024/")  # `briefing export` reads the folder

:func:`run_ray` is what ``briefing batch --via ray`` runs.
"""

from summarizer.ray.mapper import BriefingMapper
from summarizer.ray.run import RayOptions, run_ray

__all__ = ["BriefingMapper", "RayOptions", "run_ray"]
