package dev.stranglerbookshop.topology;

import java.util.Map;

/**
 * How a service reaches its data at a stage: the database it connects to, the role it logs in as, what that role may
 * do there, and whether the service migrates the schema (Flyway) itself.
 *
 * @param database the PostgreSQL database
 * @param role     the login role (demo deployments use the role's name as its password)
 * @param schemas  per schema, what the role may do; empty for the owner, who may do anything in its database
 * @param migrates whether the service runs its own Flyway migrations at start
 */
public record DataAccess(String database, String role, Map<String, Privilege> schemas, boolean migrates) {

    /** What a role may do with the tables of one schema. */
    public enum Privilege {
        /** SELECT only. */
        READ,
        /** SELECT, INSERT, UPDATE, DELETE. */
        READ_WRITE
    }

    public DataAccess {
        schemas = Map.copyOf(schemas);
    }

    /** The service owns the database: its own role, every right, and it migrates it. */
    public static DataAccess owner(String database) {
        return new DataAccess(database, database, Map.of(), true);
    }

    /** A restricted role on another deployable's database; that deployable migrates it and grants the rights. */
    public static DataAccess shared(String database, String role, Map<String, Privilege> schemas) {
        return new DataAccess(database, role, schemas, false);
    }

    public boolean owns() {
        return schemas.isEmpty();
    }

    /** What this access allows on a table of {@code schema}; null means nothing at all. */
    public Privilege on(String schema) {
        return owns() ? Privilege.READ_WRITE : schemas.get(schema);
    }
}
