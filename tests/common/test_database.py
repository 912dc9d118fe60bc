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


def test_sqlite_files_and_the_directories_made_for_them_are_private(tmp_path):
    url = f"sqlite:///{tmp_path / 'new' / 'dir' / 'radix.db'}"
    database.engine_for(url)
    assert oct((tmp_path / "new" / "dir").stat().st_mode & 0o777) == "0o700"
    assert oct((tmp_path / "new" / "dir" / "radix.db").stat().st_mode & 0o777) == "0o600"
    existing = tmp_path / "old.db"
    existing.write_bytes(b"")
    existing.chmod(0o644)
    database.private_sqlite_file(f"sqlite:///{existing}")
    assert oct(existing.stat().st_mode & 0o777) == "0o600"


def test_default_data_dir_is_private(tmp_path, monkeypatch):
    monkeypatch.delenv("RADIX_DB_URL", raising=False)
    monkeypatch.setenv("RADIX_DATA_DIR", str(tmp_path / "var"))
    database.default_url()
    assert oct((tmp_path / "var").stat().st_mode & 0o777) == "0o700"


def test_a_sqlite_file_is_written_through_a_write_ahead_log_on_kept_connections(tmp_path):
    from sqlalchemy import text
    from sqlalchemy.pool import QueuePool

    url = f"sqlite:///{tmp_path / 'conversations.db'}"
    database.private_sqlite_file(url)
    engine = database.make_engine(url)
    assert isinstance(engine.pool, QueuePool)
    with engine.begin() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        connection.execute(text("CREATE TABLE turn (id INTEGER PRIMARY KEY)"))
        connection.execute(text("INSERT INTO turn DEFAULT VALUES"))
    # the connection went back to the pool, so the log was not checkpointed away and stays private
    wal = tmp_path / "conversations.db-wal"
    assert wal.exists() and wal.stat().st_mode & 0o077 == 0
    assert engine.pool.checkedin() == 1
    engine.dispose()


def test_other_databases_keep_sqlalchemys_defaults():
    engine = database.make_engine("sqlite://")  # in memory: no file, no log
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "memory"


def test_tables_another_process_created_meanwhile_are_not_an_error(tmp_path, monkeypatch):
    from sqlalchemy.exc import IntegrityError

    url = f"sqlite:///{tmp_path / 'raced.db'}"
    metadata = MetaData()
    Table("opt_out", metadata, Column("id", Integer, primary_key=True))
    calls = []
    real_create_all = MetaData.create_all

    def racing_create_all(self, bind, checkfirst=True):
        calls.append(checkfirst)
        if len(calls) == 1:  # the other replica's CREATE won between our look and our create
            real_create_all(self, bind, checkfirst=checkfirst)
            raise IntegrityError("CREATE TABLE opt_out", {}, Exception("duplicate key (opt_out)"))
        return real_create_all(self, bind, checkfirst=checkfirst)

    monkeypatch.setattr(MetaData, "create_all", racing_create_all)
    with database.session_factory(url, metadata)() as session:
        assert session.execute(select(metadata.tables["opt_out"].c.id)).all() == []
    assert len(calls) == 2


def test_a_database_that_keeps_failing_is_still_an_error(tmp_path, monkeypatch):
    import pytest
    from sqlalchemy.exc import OperationalError

    def failing_create_all(self, bind, checkfirst=True):
        raise OperationalError("CREATE TABLE x", {}, Exception("disk I/O error"))

    monkeypatch.setattr(MetaData, "create_all", failing_create_all)
    with pytest.raises(OperationalError):
        database.session_factory(f"sqlite:///{tmp_path / 'broken.db'}", MetaData())
