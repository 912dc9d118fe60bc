"""common/database.py: the one place that builds sessions, and its default URL."""
from sqlalchemy import Column, Integer, MetaData, Table, select

from common import database


def test_default_url_uses_data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("RADIX_DB_URL", raising=False)
    monkeypatch.setenv("RADIX_DATA_DIR", str(tmp_path / "data"))
    url = database.default_url()
    assert url == f"sqlite:///{tmp_path / 'data' / 'radix.db'}"
    assert (tmp_path / "data").is_dir()
    monkeypatch.setenv("RADIX_DB_URL", "postgresql://radix@db/radix")
    assert database.default_url() == "postgresql://radix@db/radix"


def test_session_factory_creates_each_callers_tables_and_shares_the_engine(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    first, second = MetaData(), MetaData()
    one = Table("one", first, Column("id", Integer, primary_key=True))
    two = Table("two", second, Column("id", Integer, primary_key=True))
    with database.session_factory(url, first)() as session:
        session.execute(one.insert().values(id=1))
        session.commit()
    with database.session_factory(url, second)() as session:
        assert session.execute(select(two.c.id)).all() == []
        assert session.execute(select(one.c.id)).scalars().all() == [1]
    assert database.session_factory(url).kw["bind"] is database.engine_for(url)
