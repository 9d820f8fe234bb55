package io.postline.rules.expression;

import io.postline.rules.domain.RuleFacts;
import io.postline.rules.domain.RuleSet.Condition;
import io.postline.rules.domain.RuleSetCompiler.ConditionCompiler;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.SpelParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

/**
 * Rule conditions in SpEL, evaluated in a read-only context: the facts' properties only, no method calls,
 * no type references, no constructors, no assignment. A condition can read a transaction, nothing more.
 */
public final class SpelConditions implements ConditionCompiler {
    private static final ExpressionParser PARSER = new SpelExpressionParser();
    private static final EvaluationContext CONTEXT = SimpleEvaluationContext.forReadOnlyDataBinding().build();

    @Override
    public Condition apply(String text) {
        Expression expression;
        try {
            expression = PARSER.parseExpression(text);
        } catch (SpelParseException e) {
            throw new IllegalArgumentException(e.getSimpleMessage() + " at position " + e.getPosition());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return facts -> evaluate(expression, facts, text);
    }

    private static boolean evaluate(Expression expression, RuleFacts facts, String text) {
        Object value;
        try {
            value = expression.getValue(CONTEXT, facts);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!(value instanceof Boolean b)) {
            throw new IllegalArgumentException("'" + text + "' gives " + value + ", not true or false");
        }
        return b;
    }
}
