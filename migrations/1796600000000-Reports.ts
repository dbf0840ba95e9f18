import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Generated reports (issue 13): one row per version of a period's report, its claim (who generates it, their
 * heartbeat), the file's name, size and hash, and the figures it printed. The unique (kind, period, version)
 * is what makes a claim exactly-once across instances.
 */
export class Reports1796600000000 implements MigrationInterface {
    name = 'Reports1796600000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "reports" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" text NOT NULL,
                "period" text NOT NULL,
                "version" integer NOT NULL,
                "status" text NOT NULL,
                "trigger" text NOT NULL,
                "requested_by" text NOT NULL,
                "claimed_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "heartbeat_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "started_at" TIMESTAMP WITH TIME ZONE,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                "file_name" text NOT NULL,
                "bytes" bigint,
                "sha256" text,
                "figures" jsonb,
                "error" text,
                "attempts" integer NOT NULL DEFAULT '1',
                CONSTRAINT "UQ_9d835fc607df14e167570f06f47" UNIQUE ("kind", "period", "version"),
                CONSTRAINT "PK_d9013193989303580053c0b5ef6" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_e8a9fc2f8f44fb17289ce0317b" ON "reports" ("created_at", "id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_e8a9fc2f8f44fb17289ce0317b"
        `);
        await queryRunner.query(`
            DROP TABLE "reports"
        `);
    }
}
