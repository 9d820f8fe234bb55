package io.postline.events;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.bean.PropertyValueBuffer;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.module.SimpleModule;

/**
 * Our event records built through a method handle that spreads the arguments, made once per record type.
 * Jackson 3 (3.1 and, by its bytecode, 3.3 too) calls a record's canonical constructor through
 * {@link MethodHandle#invokeWithArguments}, which builds a spreader on every call: 2.8 % of the stages' CPU
 * (JFR, batch-file benchmark), for every event read at every hop.
 * <p>
 * Only the success path is ours. When the constructor refuses its arguments (a record's own check: an invalid
 * field), the same call is made again through Jackson's own instantiator, so the error and its wording are
 * Jackson's exactly; a record's constructor has no effect but its checks, so calling it twice is harmless.
 */
final class RecordCreators {
    private RecordCreators() {
    }

    static JacksonModule module() {
        return new SimpleModule("postline-record-creators") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addValueInstantiators(new ValueInstantiators.Base() {
                    @Override
                    public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
                            BeanDescription.Supplier description, ValueInstantiator standard) {
                        MethodHandle spread = spreader(standard);
                        return spread == null ? standard : new Spreading(standard, spread);
                    }
                });
            }
        };
    }

    /** {@code (Object[]) -> Object} calling the canonical constructor of one of our records, or null. */
    static MethodHandle spreader(ValueInstantiator standard) {
        Class<?> type = standard.getValueClass();
        if (type == null || !type.isRecord() || !type.getName().startsWith("io.postline.")
                || !(standard.getWithArgsCreator() instanceof AnnotatedConstructor creator)) {
            return null;
        }
        Constructor<?> constructor = creator.getAnnotated();
        try {
            MethodHandle handle = MethodHandles.publicLookup().unreflectConstructor(constructor);
            return handle.asType(handle.type().changeReturnType(Object.class))
                    .asSpreader(Object[].class, constructor.getParameterCount());
        } catch (IllegalAccessException notPublic) {
            return null; // Jackson's own path then, as for any other type
        }
    }

    static final class Spreading extends ValueInstantiator.Delegating {
        private final MethodHandle spread;

        Spreading(ValueInstantiator standard, MethodHandle spread) {
            super(standard);
            this.spread = spread;
        }

        @Override
        public ValueInstantiator createContextual(DeserializationContext ctxt, BeanDescription.Supplier description) {
            ValueInstantiator contextual = delegate().createContextual(ctxt, description);
            return contextual == delegate() ? this : new Spreading(contextual, spread);
        }

        @Override
        public Object createFromObjectWith(DeserializationContext ctxt, SettableBeanProperty[] properties,
                                           PropertyValueBuffer buffer) {
            return createFromObjectWith(ctxt, buffer.getParameters(ctxt, properties));
        }

        @Override
        public Object createFromObjectWith(DeserializationContext ctxt, Object[] arguments) {
            try {
                return (Object) spread.invokeExact(arguments);
            } catch (RuntimeException refused) {
                return delegate().createFromObjectWith(ctxt, arguments);
            } catch (Error e) {
                throw e;
            } catch (Throwable checked) {
                // A record's constructor declares none; Jackson's own path wraps whatever it was.
                return delegate().createFromObjectWith(ctxt, arguments);
            }
        }
    }
}
