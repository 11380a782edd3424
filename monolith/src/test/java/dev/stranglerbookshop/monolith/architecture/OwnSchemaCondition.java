package dev.stranglerbookshop.monolith.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Table;

/** An entity of module M must map a table of schema M. */
class OwnSchemaCondition extends ArchCondition<JavaClass> {

    private final String module;

    OwnSchemaCondition(String module) {
        super("map a table in schema " + module);
        this.module = module;
    }

    @Override
    public void check(JavaClass entity, ConditionEvents events) {
        String schema = entity.getAnnotationOfType(Table.class).schema();
        boolean own = module.equals(schema);
        events.add(new SimpleConditionEvent(entity, own,
                entity.getName() + " maps schema '" + schema + "', not its module's schema '" + module + "'"));
    }
}
