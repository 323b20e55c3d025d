package io.therapyms.deploy.aws;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code cdk synth} (cdk.json runs this class) writes the CloudFormation template to cdk.out
 * without an AWS account. Context: {@code -c resourcePrefix=staging-} prefixes every table and topic name as
 * {@code TMS_RESOURCE_PREFIX} does for the services; {@code -c stackName=...} names the stack.
 */
public final class InfrastructureApp {

    private InfrastructureApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        String prefix = context(app, "resourcePrefix", "");
        String stackName = context(app, "stackName", "therapyms");
        new TherapymsStack(app, stackName, StackProps.builder()
                .description("Therapy Management System: DynamoDB tables and Kafka settings").build(), prefix);
        app.synth();
    }

    private static String context(App app, String key, String fallback) {
        Object value = app.getNode().tryGetContext(key);
        return value == null ? fallback : value.toString();
    }
}
