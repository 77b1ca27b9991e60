from django.core.management.base import BaseCommand

from policybase import release


class Command(BaseCommand):
    help = (
        "导出开放数据发布包 / Write an open-data release of the whole knowledge base "
        "(JSON Lines + CSV per table, OpenAPI schema, README) into DIR."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory", help="目标目录 / Directory to write the release into"
        )

    def handle(self, *args, directory, **options):
        manifest = release.export(directory)
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"已导出发布包 {manifest['release']}：{rows} 行，{len(manifest['files'])} 个文件 → "
            f"{directory} / Exported release {manifest['release']}: {rows} rows, "
            f"{len(manifest['files'])} files → {directory}"
        )
