from django.core.management.base import BaseCommand, CommandError

from policybase import release


class Command(BaseCommand):
    help = (
        "将开放数据发布包载入空数据库 / Load an open-data release (from export_release) "
        "into an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="发布包目录 / Release directory")

    def handle(self, *args, directory, **options):
        try:
            manifest = release.read_manifest(directory)
            counts = release.load(directory)
        except (release.ReleaseError, OSError, ValueError, KeyError) as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(counts.values())
        self.stdout.write(
            f"已载入发布包 {manifest['release']}：{rows} 行 / "
            f"Loaded release {manifest['release']}: {rows} rows"
        )
