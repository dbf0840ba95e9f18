import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Failed credential checks move from each process's memory into PostgreSQL (`auth_failures`), so every
 * instance on the database shares them and a restart does not reset them: one row per (kind, client,
 * credential) with its count, the end of its current block, and when it is forgotten (indexed for pruning).
 */
export class AuthFailures1796542064209 implements MigrationInterface {
    name = 'AuthFailures1796542064209'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "auth_failures" (
                "kind" text NOT NULL,
                "client" text NOT NULL,
                "credential" text NOT NULL,
                "failures" integer NOT NULL,
                "blocked_until" TIMESTAMP WITH TIME ZONE,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_62a55595305d7f32a313090d234" PRIMARY KEY ("kind", "client", "credential")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_f3c26c32c4e5db966ab3b4ef94" ON "auth_failures" ("expires_at")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f3c26c32c4e5db966ab3b4ef94"
        `);
        await queryRunner.query(`
            DROP TABLE "auth_failures"
        `);
    }

}
