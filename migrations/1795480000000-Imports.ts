import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Import runs and their per-record issues (rejected records keep their original text), the import that last
 * wrote each incident with the fingerprint of what it wrote (so an unchanged record changes nothing), and
 * which timeline entries came from an import.
 */
export class Imports1795480000000 implements MigrationInterface {
    name = 'Imports1795480000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "imports" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "format" text NOT NULL,
                "source" text NOT NULL,
                "file_name" text NOT NULL,
                "file_bytes" bigint,
                "options" jsonb NOT NULL DEFAULT '{}',
                "dry_run" boolean NOT NULL DEFAULT false,
                "status" text NOT NULL DEFAULT 'running',
                "actor_type" text NOT NULL,
                "actor_name" text NOT NULL,
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                "heartbeat_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "records_read" integer NOT NULL DEFAULT '0',
                "created" integer NOT NULL DEFAULT '0',
                "updated" integer NOT NULL DEFAULT '0',
                "unchanged" integer NOT NULL DEFAULT '0',
                "rejected" integer NOT NULL DEFAULT '0',
                "flagged" integer NOT NULL DEFAULT '0',
                "services_created" text array NOT NULL DEFAULT '{}',
                "teams_created" text array NOT NULL DEFAULT '{}',
                "file_kind" text NOT NULL,
                "header" text,
                "error" text,
                CONSTRAINT "PK_ea10c62f5eb1d75e83d8b5225db" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_9d68056018d5e3fca40d6b11e2" ON "imports" ("started_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "import_issues" (
                "id" BIGSERIAL NOT NULL,
                "import_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "record" integer NOT NULL,
                "line" integer,
                "external_id" text,
                "field" text,
                "value" text,
                "message" text NOT NULL,
                "raw" text,
                CONSTRAINT "PK_d737bef347292e874ff461d40ea" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_f69f8f64d6e5f94dba9e28b116" ON "import_issues" ("import_id", "kind", "record")
        `);
        await queryRunner.query(`
            ALTER TABLE "incidents"
            ADD "last_import_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "incidents"
            ADD "import_fingerprint" text
        `);
        await queryRunner.query(`
            ALTER TABLE "timeline_entries"
            ADD "imported" boolean NOT NULL DEFAULT false
        `);
        await queryRunner.query(`
            ALTER TABLE "incidents"
            ADD CONSTRAINT "FK_a6ee6a3f6ec7c4631a923364d91" FOREIGN KEY ("last_import_id") REFERENCES "imports"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "import_issues"
            ADD CONSTRAINT "FK_c18bae340ee1a7aab1c2cf81183" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "import_issues" DROP CONSTRAINT "FK_c18bae340ee1a7aab1c2cf81183"
        `);
        await queryRunner.query(`
            ALTER TABLE "incidents" DROP CONSTRAINT "FK_a6ee6a3f6ec7c4631a923364d91"
        `);
        await queryRunner.query(`
            ALTER TABLE "timeline_entries" DROP COLUMN "imported"
        `);
        await queryRunner.query(`
            ALTER TABLE "incidents" DROP COLUMN "import_fingerprint"
        `);
        await queryRunner.query(`
            ALTER TABLE "incidents" DROP COLUMN "last_import_id"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f69f8f64d6e5f94dba9e28b116"
        `);
        await queryRunner.query(`
            DROP TABLE "import_issues"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_9d68056018d5e3fca40d6b11e2"
        `);
        await queryRunner.query(`
            DROP TABLE "imports"
        `);
    }

}
