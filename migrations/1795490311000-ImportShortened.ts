import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Imports count the records they imported with free text shortened to the API's length limits (`shortened`), and
 * note each one in `import_issues` with the kind `shortened`. Reverting drops the count and those notes (the
 * incidents stay as imported; their whole texts are in their source payloads).
 */
export class ImportShortened1795490311000 implements MigrationInterface {
    name = 'ImportShortened1795490311000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "imports"
            ADD "shortened" integer NOT NULL DEFAULT '0'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DELETE FROM "import_issues" WHERE "kind" = 'shortened'
        `);
        await queryRunner.query(`
            ALTER TABLE "imports" DROP COLUMN "shortened"
        `);
    }

}
